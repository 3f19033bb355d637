using System.Text.Json.Nodes;
using PredictiveMigration.Cli.Sandbox;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Cli.Tests;

/// <summary>How the sandbox's traffic stand-in reads a Traffic Manager profile as ArmTrafficManager writes it.</summary>
public class SandboxTrafficTests
{
    [Fact]
    public void Endpoints_ProfileWithADisabledSource_GiveWeightZeroAndForwardableUrls()
    {
        // Arrange: the properties ArmTrafficManager writes mid-shift (the source drained, the target at 1000).
        var resource = JsonNode.Parse("""
            {"name":"tm-srv-001","properties":{"trafficRoutingMethod":"Weighted","endpoints":[
              {"name":"srv-001","properties":{"target":"127.0.0.1:5000/srv-001","weight":1,"endpointStatus":"Disabled"}},
              {"name":"srv-001-m1","properties":{"target":"127.0.0.1:5000/srv-001-m1","weight":1000,"endpointStatus":"Enabled"}},
              {"name":"ext","properties":{"target":"https://example.test/app/","weight":10}}]}}
            """)!.AsObject();

        // Act
        var endpoints = SandboxTraffic.Endpoints(resource);

        // Assert
        Assert.Equal(
        [
            new WeightedEndpoint("srv-001", "http://127.0.0.1:5000/srv-001/", 0),
            new WeightedEndpoint("srv-001-m1", "http://127.0.0.1:5000/srv-001-m1/", 1000),
            new WeightedEndpoint("ext", "https://example.test/app/", 10),
        ], endpoints);
    }

    [Fact]
    public void Endpoints_ProfileWithoutEndpoints_IsEmpty()
    {
        Assert.Empty(SandboxTraffic.Endpoints(JsonNode.Parse("""{"name":"tm-x","properties":{}}""")!.AsObject()));
    }
}

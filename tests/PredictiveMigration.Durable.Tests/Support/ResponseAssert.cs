using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Tests.Support;

/// <summary>Short assertions over orchestrator responses.</summary>
internal static class ResponseAssert
{
    public static ScheduleTaskAction SingleActivity(OrchestratorResponse response, int id, string name)
    {
        OrchestratorAction action = Assert.Single(response.Actions);
        Assert.Equal(id, action.Id);
        Assert.Equal(OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask, action.OrchestratorActionTypeCase);
        Assert.Equal(name, action.ScheduleTask.Name);
        return action.ScheduleTask;
    }

    public static DateTime SingleTimer(OrchestratorResponse response, int id)
    {
        OrchestratorAction action = Assert.Single(response.Actions);
        Assert.Equal(id, action.Id);
        Assert.Equal(OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer, action.OrchestratorActionTypeCase);
        return action.CreateTimer.FireAt.ToDateTime();
    }

    public static CompleteOrchestrationAction Completion(OrchestratorResponse response, int id, OrchestrationStatus status)
    {
        OrchestratorAction action = response.Actions.Last();
        Assert.Equal(OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration, action.OrchestratorActionTypeCase);
        Assert.Equal(id, action.Id);
        Assert.Equal(status, action.CompleteOrchestration.OrchestrationStatus);
        return action.CompleteOrchestration;
    }

    public static CompleteOrchestrationAction SingleCompletion(OrchestratorResponse response, int id, OrchestrationStatus status)
    {
        Assert.Single(response.Actions);
        return Completion(response, id, status);
    }
}

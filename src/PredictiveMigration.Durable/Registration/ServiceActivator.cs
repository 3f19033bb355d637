using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace PredictiveMigration.Durable.Registration;

/// <summary>
/// Creates task classes: from the service provider if it knows the type, else through the public constructor
/// with the most parameters, each parameter resolved from the service provider (a small ActivatorUtilities).
/// </summary>
internal static class ServiceActivator
{
    public static T Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceProvider services)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService(typeof(T)) is T registered)
        {
            return registered;
        }

        ConstructorInfo[] constructors = typeof(T).GetConstructors();
        foreach (ConstructorInfo constructor in constructors.OrderByDescending(c => c.GetParameters().Length))
        {
            ParameterInfo[] parameters = constructor.GetParameters();
            var arguments = new object?[parameters.Length];
            bool resolved = true;
            for (int i = 0; i < parameters.Length && resolved; i++)
            {
                arguments[i] = services.GetService(parameters[i].ParameterType);
                if (arguments[i] is null)
                {
                    if (parameters[i].HasDefaultValue)
                    {
                        arguments[i] = parameters[i].DefaultValue;
                    }
                    else
                    {
                        resolved = false;
                    }
                }
            }

            if (resolved)
            {
                return (T)constructor.Invoke(arguments);
            }
        }

        throw new InvalidOperationException(
            $"Cannot create '{typeof(T).FullName}': register it with the service provider, or give it a public constructor whose parameters the service provider can resolve.");
    }
}

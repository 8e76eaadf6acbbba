using Spectre.Console.Cli;

namespace Ascribe.Cli.Infrastructure;

/// <summary>A minimal registrar so commands receive <see cref="CliServices"/> through their constructors.</summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, Func<object>> _factories = new();

    private readonly Dictionary<Type, Type> _types = new();

    public void Register(Type service, Type implementation) => _types[service] = implementation;

    public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;

    public void RegisterLazy(Type service, Func<object> factory) => _factories[service] = factory;

    public ITypeResolver Build() => new Resolver(_factories, _types);

    private sealed class Resolver : ITypeResolver
    {
        private readonly Dictionary<Type, Func<object>> _factories;
        private readonly Dictionary<Type, Type> _types;

        public Resolver(Dictionary<Type, Func<object>> factories, Dictionary<Type, Type> types)
        {
            _factories = factories;
            _types = types;
        }

        public object? Resolve(Type? type)
        {
            if (type is null)
            {
                return null;
            }

            if (_factories.TryGetValue(type, out var factory))
            {
                return factory();
            }

            if (_types.TryGetValue(type, out var implementation) && implementation != type)
            {
                return Resolve(implementation);
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var element = type.GetGenericArguments()[0];
                var items = _factories.TryGetValue(element, out var f) ? new[] { f() } : Array.Empty<object>();
                var array = Array.CreateInstance(element, items.Length);
                Array.Copy(items, array, items.Length);
                return array;
            }

            if (type.IsInterface || type.IsAbstract)
            {
                return null;
            }

            // Commands: construct with the registered services.
            foreach (var ctor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
            {
                var parameters = ctor.GetParameters();
                if (parameters.All(p => _factories.ContainsKey(p.ParameterType)))
                {
                    return ctor.Invoke(parameters.Select(p => _factories[p.ParameterType]()).ToArray());
                }
            }

            return Activator.CreateInstance(type);
        }
    }
}

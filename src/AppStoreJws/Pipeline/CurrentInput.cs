using System.Linq.Expressions;
using System.Reflection;

namespace AppStoreJws.Pipeline
{
    /// <summary>
    /// The pipeline object a cmdlet is processing: the row that -PassThru emits and that a row error carries.
    /// PowerShell sets it on every command before ProcessRecord (InternalCommand.CurrentPipelineObject, which backs
    /// $_ in delay-bind script blocks) but does not make it public. Reading it costs nothing; the public way, one more
    /// ValueFromPipeline parameter, costs about 5 µs a row in binding, as much as all the rest of the row handling.
    /// Should a PowerShell lack the property, rows are described by their values instead.
    /// </summary>
    internal static class CurrentInput
    {
        private static readonly Func<Cmdlet, PSObject?>? Getter = CreateGetter();

        public static PSObject? Of(PSCmdlet cmdlet) =>
            Getter != null && cmdlet.MyInvocation.ExpectingInput ? Getter!(cmdlet) : null;

        private static Func<Cmdlet, PSObject?>? CreateGetter()
        {
            PropertyInfo? property = typeof(Cmdlet).BaseType?.GetProperty(
                "CurrentPipelineObject", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            MethodInfo? getter = property?.GetGetMethod(nonPublic: true);
            if (getter == null || property!.PropertyType != typeof(PSObject))
            {
                return null;
            }

            ParameterExpression cmdlet = Expression.Parameter(typeof(Cmdlet), "cmdlet");
            return Expression.Lambda<Func<Cmdlet, PSObject?>>(
                Expression.Call(Expression.Convert(cmdlet, getter.DeclaringType!), getter), cmdlet).Compile();
        }
    }
}

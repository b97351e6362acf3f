using System.Linq;
using System.Reflection;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// Binds the columns of a run's rows that PowerShell does not bind because their header is spelled loosely ("Offer ID"
    /// for OfferIdentifier): looked for once, in the first row, then copied from each row into the parameter through the
    /// parameter's own transformations (key text refused, flags read), as PowerShell would have bound it. A run whose
    /// header PowerShell binds whole (the usual case) has nothing to copy, so it pays nothing per row.
    /// </summary>
    internal sealed class LooseColumnBinder
    {
        private readonly LooseColumn[] columns;

        private LooseColumnBinder(LooseColumn[] columns)
        {
            this.columns = columns;
        }

        /// <summary>The binder for a run whose first row is <paramref name="firstRow"/>; null when PowerShell binds every column.</summary>
        public static LooseColumnBinder? For(PSCmdlet cmdlet, PSObject firstRow)
        {
            List<LooseColumn> found = new List<LooseColumn>();
            foreach (PropertyInfo property in cmdlet.GetType().GetProperties())
            {
                if (!BindsFromRows(property))
                {
                    continue;
                }

                PSPropertyInfo? exact = null;
                foreach (string name in ParameterSpellings.Of(cmdlet.GetType(), property.Name))
                {
                    exact ??= firstRow.Properties[name];
                }

                PSPropertyInfo? loose = exact == null ? ParameterSpellings.FindLooseColumn(cmdlet.GetType(), property.Name, firstRow) : null;
                if (loose != null)
                {
                    found.Add(new LooseColumn(property, loose.Name, property.GetCustomAttributes<ArgumentTransformationAttribute>().ToArray()));
                }
            }

            return found.Count == 0 ? null : new LooseColumnBinder(found.ToArray());
        }

        /// <summary>Copies the row's loosely spelled cells into their parameters; key text in one is that row's error.</summary>
        public void Bind(PSCmdlet cmdlet, PSObject row)
        {
            foreach (LooseColumn column in columns)
            {
                PSPropertyInfo? cell = row.Properties[column.Header];
                if (cell == null)
                {
                    continue;
                }

                object? value = cell.Value;
                foreach (ArgumentTransformationAttribute transformation in column.Transformations)
                {
                    // The module's transformations read only the value; the engine is not needed.
                    value = transformation.Transform(null!, value);
                }

                if (NoKeyTextAttribute.IsPlaceholder(value))
                {
                    throw NoKeyTextAttribute.RefusedInRow(column.Parameter.Name);
                }

                column.Parameter.SetValue(cmdlet, value == null ? null : LanguagePrimitives.ConvertTo(value, Nullable.GetUnderlyingType(column.Parameter.PropertyType) ?? column.Parameter.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        private static bool BindsFromRows(PropertyInfo property)
        {
            foreach (ParameterAttribute parameter in property.GetCustomAttributes<ParameterAttribute>())
            {
                if (parameter.ValueFromPipelineByPropertyName)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class LooseColumn
        {
            public LooseColumn(PropertyInfo parameter, string header, ArgumentTransformationAttribute[] transformations)
            {
                Parameter = parameter;
                Header = header;
                Transformations = transformations;
            }

            public PropertyInfo Parameter { get; }

            public string Header { get; }

            public ArgumentTransformationAttribute[] Transformations { get; }
        }
    }
}

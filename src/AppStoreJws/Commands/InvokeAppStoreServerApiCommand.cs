using System.Collections;
using System.Globalization;
using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Calls any App Store Server API endpoint (Retention Messaging's too) and returns the answer's JSON as objects.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AppStoreServerApi", SupportsShouldProcess = true, DefaultParameterSetName = BodySet)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeAppStoreServerApiCommand : AppStoreServerApiCommand
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("GET", "POST", "PUT", "DELETE")]
        [NoKeyText]
        public string Method { get; set; } = "GET";

        /// <summary>The path below the base URL, such as /inApps/v1/transactions/2000000123456789.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string Path { get; set; } = null!;

        /// <summary>Query parameters; an array value repeats the name, as productId=a&amp;productId=b.</summary>
        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary>The JSON body: JSON text, or hashtables and PSCustomObjects to any depth.</summary>
        [Parameter(ParameterSetName = BodySet)]
        [NoKeyText]
        public object? Body { get; set; }

        /// <summary>A file sent as the body, byte for byte, for endpoints that take no JSON (Upload Image takes a PNG).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InFileSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string InFile { get; set; } = null!;

        /// <summary>The Content-Type of -InFile's bytes; by default image/png for a .png file, application/json for .json, otherwise application/octet-stream.</summary>
        [Parameter(ParameterSetName = InFileSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? ContentType { get; set; }

        private const string BodySet = "Body";
        private const string InFileSet = "InFile";

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            ServerApiRequest request;
            try
            {
                request = Build();
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, Path));
                return;
            }

            // Every method passes through ShouldProcess, so -WhatIf sends nothing, a GET included; the line names the
            // method, the full URL (the host too: Production unless -Environment or -BaseUri says otherwise) and the body.
            // A GET asks only under -WhatIf or -Confirm (reading changes nothing, and needs no "Performing" line otherwise).
            string target;
            try
            {
                target = ServerApiUri.Display(ServerApiUri.Build(Client.BaseUri, request))
                    + (request.BodyJson != null ? " with body " + Errors.UntrustedText.Quote(request.BodyJson, 4000)
                        : request.BodyBytes != null ? $" with {request.BodyBytes.Length} bytes of {request.BodyContentType} from '{InFile}'" : "");
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, Path));
                return;
            }

            if ((request.ChangesState || AsksBeforeActing()) && !ShouldProcess(target, request.Method))
            {
                return;
            }

            try
            {
                ServerApiResponse response = Send(request);
                object? result = FromJson(request, response.Body);
                if (result != null)
                {
                    WriteObject(result, false);
                }
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AppStoreJwsException || e is AggregateException)
            {
                WriteApiError(e, Path);
            }
        }

        /// <summary>Whether -WhatIf, -Confirm or $WhatIfPreference asks this call to say what it would do first.</summary>
        private bool AsksBeforeActing() =>
            MyInvocation.BoundParameters.ContainsKey("WhatIf") || MyInvocation.BoundParameters.ContainsKey("Confirm")
            || LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

        private ServerApiRequest Build()
        {
            ServerApiRequest request = new ServerApiRequest(Method, Path);
            if (Query != null)
            {
                foreach (DictionaryEntry entry in Query)
                {
                    string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                    object? value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                    if (value is IEnumerable many && !(value is string))
                    {
                        foreach (object? item in many)
                        {
                            request.AddQuery(name, QueryText(item));
                        }
                    }
                    else
                    {
                        request.AddQuery(name, QueryText(value));
                    }
                }
            }

            if (Body != null)
            {
                request.BodyJson = RequestObjects.WriteJson(Body);
            }
            else if (ParameterSetName == InFileSet)
            {
                request.BodyBytes = ReadInFile(out string contentType);
                request.BodyContentType = contentType;
            }

            return request;
        }

        /// <summary>The bytes of -InFile and their Content-Type; a file that is missing, unreadable or over 64 MiB is InvalidInFile.</summary>
        private byte[] ReadInFile(out string contentType)
        {
            string file = ProviderPaths.Resolve(this, InFile, "-InFile");
            string extension = System.IO.Path.GetExtension(file).ToLowerInvariant();
            contentType = ContentType ?? (extension == ".png" ? "image/png" : extension == ".json" ? "application/json" : "application/octet-stream");
            if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out _))
            {
                throw new AppStoreJwsException(ErrorIds.InvalidContentType, ErrorKind.InvalidArgument,
                    $"-ContentType {Errors.UntrustedText.Quote(contentType, 100)} is not a media type; expected for example image/png.");
            }

            try
            {
                System.IO.FileInfo info = new System.IO.FileInfo(file);
                if (info.Exists && info.Length > MaximumInFileBytes)
                {
                    throw new AppStoreJwsException(ErrorIds.InvalidInFile, ErrorKind.InvalidArgument,
                        $"-InFile '{file}' is {info.Length} bytes, more than the {MaximumInFileBytes / (1024 * 1024)} MiB this cmdlet sends.");
                }

                return System.IO.File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new AppStoreJwsException(ErrorIds.InvalidInFile, ErrorKind.InvalidArgument, $"-InFile '{file.Replace("\0", "\\0")}' cannot be read: {e.Message}", e);
            }
        }

        private const long MaximumInFileBytes = 64L * 1024 * 1024;

        /// <summary>Dates go on the wire as Apple's Unix milliseconds; booleans as true/false.</summary>
        private static string? QueryText(object? value)
        {
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (value)
            {
                case null: return null;
                case DateTimeOffset instant: return ServerApiRequest.Milliseconds(instant);
                case DateTime time: return ServerApiRequest.Milliseconds(new DateTimeOffset(time.ToUniversalTime()));
                case bool flag: return flag ? "true" : "false";
                default: return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }
    }
}

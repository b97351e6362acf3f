<#
.SYNOPSIS
    A test OCSP responder on 127.0.0.1 only: an HTTP listener whose every POSTed request is answered by
    `openssl ocsp -reqin … -respout …` against an index of good and revoked certificates (OpenSSL's own
    responder binds all interfaces, so only its answering part is used). Ends by itself after -Seconds.
    A hostile responder instead: -FixedResponsePath answers every request with that file's bytes, -RedirectTo answers
    302 to that URL.
#>
[CmdletBinding(DefaultParameterSetName = 'OpenSsl')]
param(
    [Parameter(Mandatory)] [int] $Port,
    [Parameter(Mandatory, ParameterSetName = 'OpenSsl')] [string] $IndexPath,
    [Parameter(Mandatory, ParameterSetName = 'OpenSsl')] [string] $CaPath,
    [Parameter(Mandatory, ParameterSetName = 'OpenSsl')] [string] $SignerPath,
    [Parameter(Mandatory, ParameterSetName = 'OpenSsl')] [string] $KeyPath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [Parameter(Mandatory, ParameterSetName = 'Fixed')] [string] $FixedResponsePath,
    [Parameter(Mandatory, ParameterSetName = 'Redirect')] [string] $RedirectTo,
    [int] $Seconds = 300
)
$ErrorActionPreference = 'Stop'
$listener = [System.Net.HttpListener]::new()
$listener.Prefixes.Add("http://127.0.0.1:$Port/")
$listener.Start()
$deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
$number = 0
try {
    while ([DateTime]::UtcNow -lt $deadline) {
        $pending = $listener.GetContextAsync()
        while (-not $pending.Wait(250)) {
            if ([DateTime]::UtcNow -ge $deadline) { return }
        }
        $context = $pending.Result
        $number++
        if ($RedirectTo) {
            $context.Request.InputStream.CopyTo([IO.Stream]::Null)
            $context.Response.StatusCode = 302
            $context.Response.RedirectLocation = $RedirectTo
            $context.Response.Close()
            continue
        }
        if ($FixedResponsePath) {
            $context.Request.InputStream.CopyTo([IO.Stream]::Null)
            $fixed = [IO.File]::ReadAllBytes($FixedResponsePath)
            $context.Response.StatusCode = 200
            $context.Response.ContentType = 'application/ocsp-response'
            $context.Response.OutputStream.Write($fixed, 0, $fixed.Length)
            $context.Response.Close()
            continue
        }
        $requestPath = Join-Path $WorkFolder "request-$Port-$number.der"
        $responsePath = Join-Path $WorkFolder "response-$Port-$number.der"
        $buffer = [IO.MemoryStream]::new()
        $context.Request.InputStream.CopyTo($buffer)
        [IO.File]::WriteAllBytes($requestPath, $buffer.ToArray())
        & openssl ocsp -index $IndexPath -CA $CaPath -rsigner $SignerPath -rkey $KeyPath -reqin $requestPath -respout $responsePath -nmin 10 2>&1 | Out-Null
        $body = if (Test-Path -LiteralPath $responsePath) { [IO.File]::ReadAllBytes($responsePath) } else { [byte[]]::new(0) }
        $context.Response.StatusCode = if ($body.Length) { 200 } else { 500 }
        $context.Response.ContentType = 'application/ocsp-response'
        $context.Response.OutputStream.Write($body, 0, $body.Length)
        $context.Response.Close()
    }
}
finally {
    $listener.Stop()
    $listener.Close()
}

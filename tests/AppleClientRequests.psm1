# What Apple's Node client sends, and the same view of what the module sent the test server, for the interop tests
# that compare the two request by request (tests/interop/apple-client-requests.mjs records Apple's side).

function Invoke-AppleClientRequests {
    <#
    .SYNOPSIS
        Runs Apple's AppStoreServerAPIClient for each call (@{ method = 'uploadImage'; args = @(...) }) against a recording
        server and returns the requests it sent: call, method, path, query pairs, contentType and body (base64). An
        argument [byte[]] goes to Apple's client as a Buffer. A call Apple's client refuses to make throws.
    #>
    param([Parameter(Mandatory)] [object[]] $Calls)
    $rows = foreach ($call in $Calls) {
        $arguments = @(foreach ($argument in @($call.args)) {
                if ($argument -is [byte[]]) { @{ '$bytes' = [Convert]::ToBase64String($argument) } } else { , $argument }
            })
        @{ method = $call.method; args = $arguments }
    }
    $script = Join-Path $env:APPSTOREJWS_REPO 'tests/interop/apple-client-requests.mjs'
    $output = @{ calls = @($rows) } | ConvertTo-Json -Depth 12 -Compress | node $script
    if ($LASTEXITCODE -ne 0) { throw "apple-client-requests.mjs failed with exit code $LASTEXITCODE." }
    $result = $output | ConvertFrom-Json
    foreach ($failed in @($result.results | Where-Object { -not $_.ok })) {
        # Every recording answer is a 200 its validators accept, so a failure is the call's own (a wrong argument).
        throw "Apple's client failed $($failed.method): $($failed.error)"
    }
    $result.requests
}

function ConvertTo-ComparableRequest {
    <#
    .SYNOPSIS
        One request, from either side, as one line of JSON: method, path, query pairs in order, content type, and the
        body: for application/json its value with members sorted (JSON objects have no order), otherwise its bytes
        (base64). Accepts Apple's recorded requests (body in base64) and the test server's (bodyBase64).
    #>
    param([Parameter(Mandatory, ValueFromPipeline)] $Request)
    process {
        $base64 = if ($Request.PSObject.Properties['bodyBase64']) { $Request.bodyBase64 } else { $Request.body }
        $body = $base64
        if ($base64 -and "$($Request.contentType)" -like 'application/json*') {
            $body = ConvertTo-SortedJsonValue ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($base64)) | ConvertFrom-Json)
        }
        [ordered]@{
            method      = $Request.method
            path        = $Request.path
            query       = @($Request.query | ForEach-Object { $_ -join '=' })
            contentType = $Request.contentType
            body        = $body
        } | ConvertTo-Json -Depth 12 -Compress
    }
}

function ConvertTo-SortedJsonValue {
    param($Value)
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $sorted = [ordered]@{}
        foreach ($name in $Value.PSObject.Properties.Name | Sort-Object) { $sorted[$name] = ConvertTo-SortedJsonValue $Value.$name }
        return $sorted
    }
    if ($Value -is [array]) { return , @($Value | ForEach-Object { ConvertTo-SortedJsonValue $_ }) }
    $Value
}

function Get-RecordedRequests {
    <#
    .SYNOPSIS
        The requests the test server (Start-TestServerApi) received while -Action ran, oldest first, with content type
        and body bytes: what the module sent for that action.
    #>
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [scriptblock] $Action)
    # Invoke-RestMethod writes a JSON array as one object; writing the variable enumerates it.
    $requests = Invoke-RestMethod -Uri "$($Server.BaseUri)/__requests"
    $before = @($requests | ForEach-Object { $_ }).Count
    $null = & $Action
    $requests = Invoke-RestMethod -Uri "$($Server.BaseUri)/__requests"
    $requests | Select-Object -Skip $before
}

Export-ModuleMember -Function Invoke-AppleClientRequests, ConvertTo-ComparableRequest, Get-RecordedRequests

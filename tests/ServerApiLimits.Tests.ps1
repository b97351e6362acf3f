# The Server API client against a server that behaves as Apple documents: Apple's error names from Apple's own list,
# Retry-After as a UNIX time in milliseconds, one pause per run under a shared rate-limit window, Ctrl+C that stops at
# once, honest time budgets, bounded answers, no redirects, and -WhatIf that sends nothing.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:chain = New-TestAppleChain
    $script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain
    # Invoke-AppStoreServerApi's parameters, and the typed cmdlets' trust.
    $script:api = @{ Key = $key; BaseUri = $server.BaseUri }
    $script:trusted = @{ TrustedRoot = $chain.Root; AppAppleId = 1234567890 }

    function Get-PascalCase([string] $Name) {
        ($Name -split '_' | ForEach-Object { $_.Substring(0, 1).ToUpperInvariant() + $_.Substring(1).ToLowerInvariant() }) -join ''
    }

    # Runs a script in its own [powershell] (a runspace of its own), started asynchronously, for Stop().
    function Start-Stoppable([string] $Script, [hashtable] $Variables) {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        foreach ($name in $Variables.Keys) { $runspace.SessionStateProxy.SetVariable($name, $Variables[$name]) }
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $null = $shell.AddScript("Import-Module '$($env:APPSTOREJWS_MODULE.Replace("'", "''"))'`n$Script")
        [pscustomobject]@{ Shell = $shell; Runspace = $runspace; Handle = $shell.BeginInvoke() }
    }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 20) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        while (-not (& $Condition)) {
            if ($clock.Elapsed.TotalSeconds -gt $Seconds) { throw "Timed out after $Seconds s waiting for: $Condition" }
            Start-Sleep -Milliseconds 50
        }
    }
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Apple''s error names' {
    It 'has exactly the codes and names of the APIError enum of Apple''s Node library, and every one reaches users under that name' {
        Push-Location -LiteralPath (Join-Path $env:APPSTOREJWS_REPO 'tests/interop')
        try {
            $json = node --input-type=module -e "import { APIError } from '@apple/app-store-server-library'; console.log(JSON.stringify(Object.entries(APIError).filter(([, v]) => typeof v === 'number')))"
            $LASTEXITCODE | Should -Be 0
        }
        finally { Pop-Location }
        $apple = @{}
        foreach ($pair in ($json | ConvertFrom-Json)) { $apple[[long]$pair[1]] = [string]$pair[0] }
        $apple.Count | Should -BeGreaterThan 80

        # The module's table, read from its core assembly (loaded in the module's own load context).
        $null = Invoke-AppStoreServerApi GET /apple-error/4040010 @api -ErrorVariable probe -ErrorAction SilentlyContinue
        $table = $probe[0].Exception.GetType().Assembly.GetType('AppStoreJws.ServerApi.Client.AppleErrorCodes')
        $ours = @{}
        foreach ($entry in $table.GetProperty('All').GetValue($null)) { $ours[$entry.Key] = $entry.Value }
        $differences = @(
            foreach ($code in $apple.Keys) { if ($ours[$code] -ne $apple[$code]) { "$code Apple $($apple[$code]) module $($ours[$code])" } }
            foreach ($code in $ours.Keys) { if (-not $apple.ContainsKey($code)) { "$code only in the module: $($ours[$code])" } }
        )
        $differences | Should -BeNullOrEmpty

        foreach ($code in $apple.Keys) {
            $null = Invoke-AppStoreServerApi GET "/apple-error/$code" @api -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike "$(Get-PascalCase $apple[$code]),*" -Because "code $code"
            $failures[0].Exception.ErrorCode | Should -Be $code
            $failures[0].Exception.Message | Should -Match 'Apple answered'
        }
    }

    It 'keeps an unknown code numbered, and tells what to do for the errors users meet' {
        $null = Invoke-AppStoreServerApi GET /apple-error/4009999 @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AppStoreServerApiError4009999,*'
        $null = Invoke-AppStoreServerApi GET /apple-error/4000187 @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdIsNotOriginalTransactionIdError,*'
        $failures[0].Exception.Message | Should -Match 'originalTransactionId'
    }
}

Describe 'Retry-After and one pause per run' {
    It 'reads Apple''s UNIX milliseconds, waits until then, and carries the time, status, code and headers on the error' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-AppStoreServerApi GET /inApps/v1/transactions/rate-limited-once @api
        $clock.Elapsed.TotalMilliseconds | Should -BeGreaterThan 900
        $result.signedTransactionInfo | Should -Not -BeNullOrEmpty

        $null = Invoke-AppStoreServerApi GET /hostile/retry-later @api -MaximumRateLimitWaitSec 5 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RateLimitExceeded,*'
        $failures[0].Exception.RetryAfter | Should -BeOfType [DateTimeOffset]
        $failures[0].Exception.RetryAfter | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(5))
        $failures[0].Exception.StatusCode | Should -Be 429
        $failures[0].Exception.ErrorCode | Should -Be 4290000
        $failures[0].Exception.Headers['Retry-After'] | Should -Match '^\d{13}$'
        $failures[0].Exception.Message | Should -Match 'MaximumRateLimitWaitSec'
        $failures[0].Exception.Message | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d'
    }

    It 'under a shared window, a -ThrottleLimit 8 run sends nothing early, loses nothing and keeps the input order' {
        $limited = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain -NoRecord -RateLimit @{ budget = 10; windowMs = 1000 }
        try {
            $ids = [string[]]@(1..40 | ForEach-Object { (2000000000100000 + $_).ToString() })
            $results = $ids | Get-AppStoreTransaction -Key $key -BaseUri $limited.BaseUri @trusted -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -BeNullOrEmpty
            @($results).transactionId | Should -Be $ids
            $stats = Get-ServerStats $limited
            $stats.refused | Should -BeGreaterThan 0
            $stats.early | Should -Be 0
        }
        finally { Stop-TestServerApi $limited }
    }
}

Describe 'Ctrl+C' {
    It 'Stop() returns at once <Case>, and nothing is sent after it' -ForEach @(
        @{ Case = 'while a request is never answered'; Path = '/hostile/never'; Script = 'Invoke-AppStoreServerApi GET $path -Key $key -BaseUri $baseUri -TimeoutSec 600' }
        @{ Case = 'while waiting a long Retry-After'; Path = '/hostile/retry-later'; Script = 'Invoke-AppStoreServerApi GET $path -Key $key -BaseUri $baseUri -TimeoutSec 600' }
        @{ Case = 'while -ThrottleLimit 4 workers wait for answers that never come'; Path = '/inApps/v1/transactions/9000000000003001'
            Script = '@(''2000000000000010'') + @(''9000000000003001'') * 19 | Get-AppStoreTransaction -Key $key -BaseUri $baseUri -TrustedRoot $root -AppAppleId 1234567890 -ThrottleLimit 4 -TimeoutSec 600' }
    ) {
        $run = Start-Stoppable $Script @{ path = $Path; key = $key; baseUri = $server.BaseUri; root = $chain.Root }
        try {
            Wait-Until { @(Get-SentTo $server $Path).Count -ge 1 -and -not $run.Handle.IsCompleted }
            Start-Sleep -Milliseconds 300
            $before = @(Get-SentTo $server $Path).Count
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $run.Shell.Stop()
            $stopped = $clock.Elapsed.TotalSeconds
            Write-Host "Stop() $Case returned after $([Math]::Round($stopped, 3)) s"
            # The requirement is one second; the margin is for a loaded two-core machine.
            $stopped | Should -BeLessThan 3
            $run.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
            Start-Sleep -Milliseconds 1500
            @(Get-SentTo $server $Path).Count | Should -Be $before
        }
        finally {
            $run.Shell.Dispose()
            $run.Runspace.Dispose()
        }
    }
}

Describe 'Time budgets, bounded answers, redirects, and answers that are not Apple''s' {
    It 'says how long it waited in all and how many attempts, after -TimeoutSec per attempt' {
        $null = Invoke-AppStoreServerApi GET /hostile/never @api -TimeoutSec 1 -MaximumRetryCount 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ServerApiTimeout,*'
        $failures[0].Exception.Message | Should -Match 'within 1 s'
        $failures[0].Exception.Message | Should -Match '2 attempts, \d+(\.\d)? s in all'
    }

    It 'has a default per-attempt timeout of 30 s' {
        (Get-Command Invoke-AppStoreServerApi).ImplementingType::new().TimeoutSec | Should -Be 30
    }

    It 'refuses <Path> with ServerApiResponseTooLarge, read no further' -ForEach @(
        @{ Path = '/hostile/huge' }, @{ Path = '/hostile/huge-declared' }, @{ Path = '/hostile/gzip-bomb' }, @{ Path = '/hostile/endless' }
    ) {
        $null = Invoke-AppStoreServerApi GET $Path @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ServerApiResponseTooLarge,*'
        $failures[0].Exception.Message | Should -Match '16 MiB'
    }

    It 'does not follow a redirect, and names the status and the host it points to' {
        $null = Invoke-AppStoreServerApi GET /hostile/redirect @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ServerApiRedirect,*'
        $failures[0].Exception.StatusCode | Should -Be 302
        $failures[0].Exception.Message | Should -Match 'HTTP 302.*evil\.example'
    }

    It 'reports a proxy''s HTML page as the server at its host, not as Apple, with its controls escaped' {
        $null = Invoke-AppStoreServerApi GET /hostile/html-502 @api -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'HttpStatus502,*'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape("the server at $($server.BaseUri) answered HTTP 502"))
        $failures[0].Exception.Message | Should -Not -Match 'Apple answered'
        $failures[0].Exception.Message | Should -Not -Match "`e"
    }
}

Describe '-FallbackToSandbox after production''s 401' {
    It 'asks the sandbox when production refuses the token, and says so' {
        $refusing = Start-TestServerApi -PublicKeyPem (Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app).PublicKeyPem -NoRecord
        try {
            $output = Get-AppStoreTransaction 2000000000000777 -Key $key -BaseUri $refusing.BaseUri -SandboxBaseUri "$($server.BaseUri)/sandbox" -FallbackToSandbox @trusted -Verbose 4>&1
            ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'HTTP 401.*asking the sandbox'
            $transaction = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $transaction.environment | Should -Be 'Sandbox'
        }
        finally { Stop-TestServerApi $refusing }
    }
}

Describe '-WhatIf on Invoke-AppStoreServerApi' {
    It 'sends nothing for <Method>, and the What if line names the method, the full URL and the body' -ForEach @(
        @{ Method = 'GET'; Body = $null }, @{ Method = 'PUT'; Body = '{"extendByDays":1}' }, @{ Method = 'DELETE'; Body = $null }
    ) {
        $path = "/inApps/v1/whatif/$($Method.ToLowerInvariant())"
        $script = "Import-Module '$($env:APPSTOREJWS_MODULE)'; `$key = Get-AppStoreKey -Content '$pem' -KeyId 2X9R4HXF34 -IssuerId $(Get-TestIssuerId) -BundleId com.example.app; " +
            "Invoke-AppStoreServerApi $Method $path -Key `$key" + $(if ($Body) { " -Body '$Body'" }) + ' -WhatIf'
        $lines = Invoke-ChildPwsh $script
        $lines -join "`n" | Should -Match ([regex]::Escape("What if: Performing the operation `"$Method`" on target `"https://api.storekit.apple.com$path"))
        if ($Body) { $lines -join "`n" | Should -Match ([regex]::Escape("with body $Body")) }
        Invoke-WithoutHost { Invoke-AppStoreServerApi $method $path @api -WhatIf } @{ api = $api; method = $Method; path = $path } | Should -BeNullOrEmpty
        @(Get-SentTo $server $path).Count | Should -Be 0
    }
}

Describe 'While the run waits' {
    It 'shows a progress bar saying until when, and a verbose line saying why' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$($env:APPSTOREJWS_MODULE.Replace("'", "''"))'; Get-AppStoreTransaction 9000000000000429 -Key `$args[0] -BaseUri `$args[1] -TrustedRoot `$args[2] -AppAppleId 1234567890 -Verbose").
                AddArgument($key).AddArgument($server.BaseUri).AddArgument($chain.Root)
            $output = $shell.Invoke()
            $output.transactionId | Should -Be '9000000000000429'
            $waiting = @($shell.Streams.Progress | Where-Object { $_.StatusDescription -match 'No request before \d\d:\d\d:\d\d UTC' })
            $waiting.Count | Should -BeGreaterThan 0
            @($shell.Streams.Progress | Where-Object RecordType -EQ 'Completed').Count | Should -BeGreaterThan 0
            @($shell.Streams.Verbose).Message -join "`n" | Should -Match 'waiting 1 s as Retry-After asks, until \d\d:\d\d:\d\d\.\d{3} UTC: no request of this run goes to'
        }
        finally { $shell.Dispose() }
    }
}

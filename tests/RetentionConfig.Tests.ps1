# The Retention Messaging configuration cmdlets against tests/interop/server-api.mjs (its Retention Messaging
# endpoints are in server-api-retention-config.mjs): default messages, the real-time URL, the performance test.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.TestSetup.ps1')
    $script:sandbox = @{ Key = $key; BaseUri = "$($server.BaseUri)/sandbox" }
    $script:message = '1b8a1d2e-4c5f-4a6b-9c7d-0e1f2a3b4c5d'
    function Get-Sent([string] $Path, [string] $Method) { @((Get-ServerRequests $server) | Where-Object { $_.path -eq $Path -and (-not $Method -or $_.method -eq $Method) }) }
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Set-, Get- and Remove-AppStoreRetentionDefaultMessage' {
    It 'PUTs the message identifier in lowercase to the product and locale''s path' {
        Set-AppStoreRetentionDefaultMessage @api -ProductId com.example.a -Locale en-US -MessageIdentifier 1B8A1D2E-4C5F-4A6B-9C7D-0E1F2A3B4C5D | Should -BeNullOrEmpty
        $sent = Get-Sent '/inApps/v1/messaging/default/com.example.a/en-US' PUT
        $sent.Count | Should -Be 1
        $sent[0].body.messageIdentifier | Should -BeExactly $message
        $result = Get-AppStoreRetentionDefaultMessage @api -ProductId com.example.a -Locale en-US
        $result.pstypenames[0] | Should -Be 'AppStoreJws.RetentionDefaultMessage'
        $result.messageIdentifier | Should -Be $message
        $result.productId | Should -Be 'com.example.a'
        $result.locale | Should -Be 'en-US'
    }

    It 'configures every row of a CSV, and a row Apple refuses is that row''s error' {
        $rows = "productId,locale,messageIdentifier`ncom.example.b,de-DE,$message`ncom.example.b,xx-XX,$message`ncom.example.b,ko,$message`ncom.example.c,ja,4030017a-0000-4000-8000-000000000000`ncom.example.c,fr-FR,$message" | ConvertFrom-Csv
        $rows | Set-AppStoreRetentionDefaultMessage @api -ErrorVariable failures -ErrorAction SilentlyContinue
        @($failures.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] }) | Should -Be @('InvalidLocale', 'MessageNotApproved')
        $failures[0].TargetObject | Should -Be 'com.example.b xx-XX'
        $failures[0].Exception.ErrorCode | Should -Be 4000164
        $failures[1].CategoryInfo.Category | Should -Be 'PermissionDenied'
        (Get-AppStoreRetentionDefaultMessage @api com.example.b de-DE).messageIdentifier | Should -Be $message
        (Get-AppStoreRetentionDefaultMessage @api com.example.b ko).messageIdentifier | Should -Be $message
        (Get-AppStoreRetentionDefaultMessage @api com.example.c fr-FR).messageIdentifier | Should -Be $message
    }

    It 'refuses a known locale spelled another way before sending, and leaves an unknown one to Apple' {
        foreach ($spelling in 'en-us', 'en_US', 'ZH-HANS') {
            Set-AppStoreRetentionDefaultMessage @api -ProductId com.example.spelling -Locale $spelling -MessageIdentifier $message -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'LocaleMisspelled,*'
        }
        $failures[0].Exception.Message | Should -Match 'zh-Hans'
        @((Get-ServerRequests $server) | Where-Object path -Like '*/com.example.spelling/*').Count | Should -Be 0
        Set-AppStoreRetentionDefaultMessage @api -ProductId com.example.spelling -Locale tlh -MessageIdentifier $message -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidLocale,*'
    }

    It 'reports a product and locale without a default message as DefaultMessageNotFound, and asks the next' {
        $rows = @([pscustomobject]@{ ProductId = 'com.example.none'; Locale = 'it' }, [pscustomobject]@{ ProductId = 'com.example.a'; Locale = 'en-US' })
        $found = $rows | Get-AppStoreRetentionDefaultMessage @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'DefaultMessageNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'com.example.none it'
        @($found).Count | Should -Be 1
    }

    It 'removes at high impact: DELETE, after which Apple has none' {
        (Get-Command Remove-AppStoreRetentionDefaultMessage).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        Set-AppStoreRetentionDefaultMessage @api -ProductId com.example.d -Locale sv -MessageIdentifier $message
        Remove-AppStoreRetentionDefaultMessage @api -ProductId com.example.d -Locale sv -Confirm:$false
        (Get-Sent '/inApps/v1/messaging/default/com.example.d/sv' DELETE).Count | Should -Be 1
        Get-AppStoreRetentionDefaultMessage @api -ProductId com.example.d -Locale sv -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'DefaultMessageNotFound,*'
    }

    It 'makes a row whose product or locale holds key text that row''s KeyTextInParameter error, sends nothing for it, and goes on' {
        $rows = @(
            [pscustomobject]@{ ProductId = $pem; Locale = 'en-US'; MessageIdentifier = $message }
            [pscustomobject]@{ ProductId = 'com.example.keytext'; Locale = $pem; MessageIdentifier = $message }
            [pscustomobject]@{ ProductId = 'com.example.keytext'; Locale = 'en-US'; MessageIdentifier = $message }
        )
        $before = @(Get-ServerRequests $server).Count
        $rows | Set-AppStoreRetentionDefaultMessage @api -ErrorVariable failures -ErrorAction SilentlyContinue
        @($failures.FullyQualifiedErrorId) | Should -Be @('KeyTextInParameter,AppStoreJws.Commands.SetAppStoreRetentionDefaultMessageCommand', 'KeyTextInParameter,AppStoreJws.Commands.SetAppStoreRetentionDefaultMessageCommand')
        "$($failures[0])" | Should -Match '-ProductId does not take'
        "$($failures[1])" | Should -Match '-Locale does not take'
        $sent = @(Get-ServerRequests $server | Select-Object -Skip $before)
        $sent.path | Should -Be @('/inApps/v1/messaging/default/com.example.keytext/en-US')
        $rows[0] | Get-AppStoreRetentionDefaultMessage @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $rows[1] | Remove-AppStoreRetentionDefaultMessage @api -Confirm:$false -ErrorVariable removeFailures -ErrorAction SilentlyContinue
        $refused = @($failures.FullyQualifiedErrorId) + @($removeFailures.FullyQualifiedErrorId)
        $refused | Should -HaveCount 2
        $refused | ForEach-Object { $_ | Should -BeLike 'KeyTextInParameter,*' }
        @(Get-ServerRequests $server).Count | Should -Be ($before + 1)
    }

    It 'binds the product, the locale and the message by position, in that order' {
        Set-AppStoreRetentionDefaultMessage @api com.example.positional fr-FR $message
        (Get-Sent '/inApps/v1/messaging/default/com.example.positional/fr-FR' PUT).Count | Should -Be 1
        (Get-AppStoreRetentionDefaultMessage @api com.example.positional fr-FR).messageIdentifier | Should -Be $message
        Remove-AppStoreRetentionDefaultMessage @api com.example.positional fr-FR -Confirm:$false
        (Get-Sent '/inApps/v1/messaging/default/com.example.positional/fr-FR' DELETE).Count | Should -Be 1
    }

    It 'sends nothing with -WhatIf' {
        $null = Invoke-WithoutHost -Variables @{ api = $api; message = $message } -ScriptBlock {
            Set-AppStoreRetentionDefaultMessage @api -ProductId com.example.whatif -Locale en-US -MessageIdentifier $message -WhatIf
            Remove-AppStoreRetentionDefaultMessage @api -ProductId com.example.whatif -Locale en-US -WhatIf
        }
        @((Get-ServerRequests $server) | Where-Object path -Like '*/com.example.whatif/*').Count | Should -Be 0
    }
}

Describe 'Set-, Get- and Remove-AppStoreRetentionRealtimeUrl' {
    It 'refuses a URL that is not https, or not a URL, before sending' {
        $before = @(Get-Sent '/inApps/v1/messaging/realtime/url').Count
        Set-AppStoreRetentionRealtimeUrl @sandbox -Url http://retention.example.com/realtime -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RealtimeUrlNotHttps,*'
        $failures[0].Exception.Message | Should -Match 'https://retention\.example\.com/realtime'
        Set-AppStoreRetentionRealtimeUrl @sandbox -Url 'retention.example.com/realtime' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RealtimeUrlInvalid,*'
        @(Get-Sent '/sandbox/inApps/v1/messaging/realtime/url').Count + @(Get-Sent '/inApps/v1/messaging/realtime/url').Count | Should -Be $before
    }

    It 'PUTs {realtimeURL}, reads it back and removes it at high impact' {
        Set-AppStoreRetentionRealtimeUrl @sandbox -Url https://retention.example.com/realtime
        (Get-Sent '/sandbox/inApps/v1/messaging/realtime/url' PUT)[-1].body.realtimeURL | Should -Be 'https://retention.example.com/realtime'
        $read = Get-AppStoreRetentionRealtimeUrl @sandbox
        $read.realtimeURL | Should -Be 'https://retention.example.com/realtime'
        $read.pstypenames[0] | Should -Be 'AppStoreJws.RetentionRealtimeUrl'
        (Get-Command Remove-AppStoreRetentionRealtimeUrl).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        Remove-AppStoreRetentionRealtimeUrl @sandbox -Confirm:$false
        Get-AppStoreRetentionRealtimeUrl @sandbox -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RealtimeUrlNotFound,*'
    }

    It 'reports Apple''s refusal of a production URL before a performance test has passed' {
        Set-AppStoreRetentionRealtimeUrl @api -Url https://retention.example.com/realtime -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ForbiddenNoPassingTest,*'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
}

Describe 'Start-AppStoreRetentionPerformanceTest and Get-AppStoreRetentionPerformanceTestResult' {
    BeforeAll {
        Set-AppStoreRetentionRealtimeUrl @sandbox -Url https://retention.example.com/realtime
    }

    It 'asks the sandbox unless -Environment says otherwise' {
        # -WhatIf sends nothing; the verbose line names the environment the run would ask.
        $verbose = Invoke-WithoutHost -Variables @{ key = $key } -ScriptBlock {
            Start-AppStoreRetentionPerformanceTest -Key $key -OriginalTransactionId 2000000000000101 -WhatIf -Verbose 4>&1 | ForEach-Object Message
            Start-AppStoreRetentionPerformanceTest -Key $key -Environment Production -OriginalTransactionId 2000000000000101 -WhatIf -Verbose 4>&1 | ForEach-Object Message
        }
        @($verbose) | Should -Be @('The performance test runs in the Sandbox environment.', 'The performance test runs in the Production environment.')
    }

    It 'POSTs {originalTransactionId} and returns the config and requestId' {
        $test = Start-AppStoreRetentionPerformanceTest @sandbox -OriginalTransactionId 2000000000000101
        $test.pstypenames[0] | Should -Be 'AppStoreJws.RetentionPerformanceTest'
        $test.requestId | Should -Match '^[0-9a-f-]{36}$'
        $test.config.totalRequests | Should -Be 30
        (Get-Sent '/sandbox/inApps/v1/messaging/performanceTest' POST)[-1].body.originalTransactionId | Should -Be '2000000000000101'
    }

    It 'refuses an original transaction ID that is not digits before sending' {
        Start-AppStoreRetentionPerformanceTest @sandbox -OriginalTransactionId 2E+15 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotDigits,*'
    }

    It 'returns PENDING at once without -Wait' {
        $result = Start-AppStoreRetentionPerformanceTest @sandbox -OriginalTransactionId 2000000000000101 | Get-AppStoreRetentionPerformanceTestResult @sandbox
        $result.result | Should -Be 'PENDING'
        $result.numPending | Should -Be 20
        $result.pstypenames[0] | Should -Be 'AppStoreJws.RetentionPerformanceTestResult'
    }

    It 'waits with -Wait until the result is final, with progress, asking once per pause' {
        $test = Start-AppStoreRetentionPerformanceTest @sandbox -OriginalTransactionId 2000000000000101
        $all = Get-AppStoreRetentionPerformanceTestResult @sandbox -RequestId $test.requestId -Wait -PollIntervalMilliseconds 100 -Verbose 4>&1
        $result = $all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $result.result | Should -Be 'PASS'
        $result.requestId | Should -Be $test.requestId
        $result.numPending | Should -Be 0
        $result.responseTimes.p95 | Should -Be 210
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'PENDING:*' }).Count | Should -Be 2
        (Get-Sent "/sandbox/inApps/v1/messaging/performanceTest/result/$($test.requestId)" GET).Count | Should -Be 3
    }

    It 'reports a FAIL as the result, with the failures by kind' {
        $result = Start-AppStoreRetentionPerformanceTest @sandbox -OriginalTransactionId 2000000000000666 | Get-AppStoreRetentionPerformanceTestResult @sandbox -Wait -PollIntervalMilliseconds 100
        $result.result | Should -Be 'FAIL'
        $result.failures.TIMED_OUT | Should -Be 6
    }

    It 'stops waiting after -WaitTimeoutSec with PerformanceTestWaitTimeout' {
        $test = Start-AppStoreRetentionPerformanceTest @sandbox -OriginalTransactionId 2000000000000101
        $result = Get-AppStoreRetentionPerformanceTestResult @sandbox -RequestId $test.requestId -Wait -WaitTimeoutSec 1 -PollIntervalMilliseconds 1500 -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PerformanceTestWaitTimeout,*'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failures[0].TargetObject | Should -Be $test.requestId
    }

    It 'stops a -Wait at once on Ctrl+C' {
        $test = Start-AppStoreRetentionPerformanceTest @sandbox -OriginalTransactionId 2000000000000101
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($module, $sandbox, $id) Import-Module $module; Get-AppStoreRetentionPerformanceTestResult @sandbox -RequestId $id -Wait -PollIntervalMilliseconds 60000').
                AddArgument($env:APPSTOREJWS_MODULE).AddArgument($sandbox).AddArgument($test.requestId)
            $running = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ((Get-Sent "/sandbox/inApps/v1/messaging/performanceTest/result/$($test.requestId)" GET).Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Stop()
            $running.IsCompleted | Should -BeTrue
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            (Get-Sent "/sandbox/inApps/v1/messaging/performanceTest/result/$($test.requestId)" GET).Count | Should -Be 1
        }
        finally { $shell.Dispose() }
    }

    It 'reports an unknown request ID as PerformanceTestRunNotFound' {
        Get-AppStoreRetentionPerformanceTestResult @sandbox -RequestId ([guid]::NewGuid()) -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PerformanceTestRunNotFound,*'
    }

    It 'lets production take a URL once a sandbox test has passed' {
        Set-AppStoreRetentionRealtimeUrl @api -Url https://retention.example.com/realtime
        (Get-AppStoreRetentionRealtimeUrl @api).realtimeURL | Should -Be 'https://retention.example.com/realtime'
    }
}

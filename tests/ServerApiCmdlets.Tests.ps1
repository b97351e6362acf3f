# What the typed App Store Server API cmdlets share, against tests/interop/server-api.mjs serving data signed by the
# test PKI: -FallbackToSandbox, -ThrottleLimit, the bearer token of every endpoint, and the table view of transactions.
# Each cmdlet's own behaviour is tested in the file named after it.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe '-FallbackToSandbox' {
    It 'asks the sandbox after production''s TransactionIdNotFound and verifies the answer as sandbox data, saying so' {
        $output = Get-AppStoreTransaction 9100000000000001 @api -FallbackToSandbox -SandboxBaseUri "$($server.BaseUri)/sandbox" -Verbose 4>&1
        $result = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $result.environment | Should -Be 'Sandbox'
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'asking the sandbox'
        Get-SentTo $server '/sandbox/inApps/v1/transactions/9100000000000001' | Should -HaveCount 1
    }

    It 'pages the whole history in the sandbox once the first page came from there' {
        $results = Get-AppStoreTransactionHistory 9100000000000003 @api -FallbackToSandbox -SandboxBaseUri "$($server.BaseUri)/sandbox"
        @($results).environment | Sort-Object -Unique | Should -Be 'Sandbox'
        Get-SentTo $server '/sandbox/inApps/v2/history/9100000000000003' | Should -HaveCount 3
        Get-SentTo $server '/inApps/v2/history/9100000000000003' | Should -HaveCount 1
    }

    It 'is opt-in: without it the error says the transaction may be a sandbox one' {
        $null = Get-AppStoreTransaction 9100000000000002 @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotFound,*'
        $failures[0].Exception.Message | Should -Match 'FallbackToSandbox'
        Get-SentTo $server '/sandbox/inApps/v1/transactions/9100000000000002' | Should -HaveCount 0
    }

    It 'needs -SandboxBaseUri with -BaseUri' {
        { Get-AppStoreTransaction 1 @api -FallbackToSandbox } | Should -Throw -ErrorId 'SandboxBaseUriMissing,*'
    }
}

Describe '-ThrottleLimit' {
    It 'keeps several lookups in flight and writes them in input order, errors in their place' {
        $slowServer = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain -LatencyMs 200 -NoRecord
        try {
            $ids = @(1..24 | ForEach-Object { '2000000000001{0:000}' -f $_ })
            $ids[12] = '4040010'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $results = $ids | Get-AppStoreTransaction -Key $key -BaseUri $slowServer.BaseUri -TrustedRoot $chain.Root -AppAppleId 1234567890 -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue
            $watch.Stop()
            @($results).transactionId | Should -Be @($ids | Where-Object { $_ -ne '4040010' })
            $failures | Should -HaveCount 1
            $failures[0].TargetObject | Should -Be '4040010'
            # One after another this is 24 x 200 ms = 4.8 s; 8 in flight (after 8 inline) needs about 8 x 0.2 + 2 x 0.2 s.
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3.5
        }
        finally {
            Stop-TestServerApi $slowServer
        }
    }

    It 'shows a worker''s retry wait as a verbose line and keeps the order' {
        $ids = '2000000000002001', '9000000000000429', '2000000000002002', '2000000000002003'
        $output = $ids | Get-AppStoreTransaction @api -ThrottleLimit 4 -Verbose 4>&1
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose | Should -HaveCount 1
        $verbose[0].Message | Should -Match '9000000000000429: RateLimitExceeded \(HTTP 429\); waiting 1 s as Retry-After asks'
        @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).transactionId | Should -Be $ids
    }

    It 'applies to the subscription status, order and app transaction lookups too' {
        foreach ($name in 'Get-AppStoreTransaction', 'Get-AppStoreSubscriptionStatus', 'Get-AppStoreOrder', 'Get-AppStoreAppTransaction') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'ThrottleLimit'
        }
        $results = 1..12 | ForEach-Object { "order-$_" } | Get-AppStoreOrder @api -ThrottleLimit 4
        @($results).transactionId | Should -Be @(1..12 | ForEach-Object { "order-$_-0"; "order-$_-1" })
    }
}

Describe 'The test server checks the bearer token of the new endpoints too' {
    It 'answers 401 to a token signed by another key, for <_>' -ForEach @('Get-AppStoreTransactionHistory', 'Get-AppStoreSubscriptionStatus', 'Get-AppStoreAppTransaction') {
        $otherKey = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
        $null = & $_ 2000000000000060 -Key $otherKey -BaseUri $server.BaseUri -TrustedRoot $chain.Root -AppAppleId 1234567890 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Unauthorized,*'
        $failures[0].Exception.StatusCode | Should -Be 401
    }

    It 'sends a fresh token for each page' {
        # ECDSA signatures are randomised: a token made again differs even within the same second.
        $null = Get-AppStoreTransactionHistory 2000000000000061 @api
        $signatures = @((Get-SentTo $server '/inApps/v2/history/2000000000000061').tokenSignature)
        $signatures | Should -HaveCount 3
        @($signatures | Sort-Object -Unique) | Should -HaveCount 3
    }
}

Describe 'Transactions as a table' {
    It 'the default view shows transaction ID, product, type, purchase date, price, currency and revocation' {
        $result = Get-AppStoreTransaction 2000000000000070 @api
        $text = $result | Out-String -Width 250
        $header = ($text -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1)
        $header | Should -Match '^\s*transactionId\s+productId\s+type\s+purchaseDate\s+price\s+currency\s+revocationDate\s*$'
        $text | Should -Match 'com\.example\.premium\.monthly\s+Auto-Renewable Subscription'
    }
}

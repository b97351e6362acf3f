# The Server API client against a hostile server (tests/interop/server-api-hostile.mjs, a mode of the loopback test
# server): the bearer token stays on the base URL's host, one odd answer never ends a run, nothing is unbounded, and
# what a server says is quoted safely.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:chain = New-TestAppleChain
    $script:otherChain = New-TestAppleChain -Name 'Someone Else'
    $signed = @{
        '2000000000000501' = New-TestSignedData -Chain $otherChain -Payload (New-TestTransactionPayload -Environment Production -Change @{ transactionId = '2000000000000501'; appAppleId = 1234567890 })
    }
    $script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain -SignedTransactions $signed
    $script:api = @{ Key = $key; BaseUri = $server.BaseUri }
    $script:typed = @{ Key = $key; BaseUri = $server.BaseUri; TrustedRoot = $chain.Root; AppAppleId = 1234567890 }
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'The request never leaves the base URL' {
    It 'refuses <Path> before a token is made, sends nothing, and goes on with the next input' -ForEach @(
        @{ Path = '//evil.example/collect' }, @{ Path = '///x' }, @{ Path = '\\evil.example\collect' }, @{ Path = '/\evil.example/collect' },
        @{ Path = 'https://evil.example/collect' }, @{ Path = '/inApps/../../collect' }, @{ Path = '/inApps/%2e%2e/%2E%2E/collect' }
    ) {
        $before = (Get-ServerStats $server).received
        $results = $Path, '/inApps/v1/transactions/2000000000000009' | Invoke-AppStoreServerApi GET @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'UnsafeServerApiPath,*'
        @($results).signedTransactionInfo | Should -HaveCount 1
        (Get-ServerStats $server).received | Should -Be ($before + 1)
    }

    It 'never sends a loopback request through HTTP_PROXY, so the proxy never sees the token' {
        $proxy = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -NoRecord
        try {
            $script = "`$env:HTTP_PROXY = '$($proxy.BaseUri)'; `$env:HTTPS_PROXY = '$($proxy.BaseUri)'; `$env:NO_PROXY = ''; Import-Module '$($env:APPSTOREJWS_MODULE)'; " +
                "`$key = Get-AppStoreKey -Content '$pem' -KeyId 2X9R4HXF34 -IssuerId $(Get-TestIssuerId) -BundleId com.example.app; " +
                "(Invoke-AppStoreServerApi GET /inApps/v1/transactions/2000000000000123 -Key `$key -BaseUri '$($server.BaseUri)').signedTransactionInfo.Length -gt 0"
            Invoke-ChildPwsh $script | Select-Object -Last 1 | Should -Be 'True'
            (Get-ServerStats $proxy).received | Should -Be 0
        }
        finally { Stop-TestServerApi $proxy }
    }

    It 'redacts a password in -BaseUri from its errors' {
        $withPassword = $server.BaseUri -replace '^http://', 'http://user:s3cret-word@'
        $null = Invoke-AppStoreServerApi GET /hostile/html-502 -Key $key -BaseUri $withPassword -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        ($failures | Out-String) + $failures[0].Exception.Message | Should -Not -Match 's3cret-word'
        { Invoke-AppStoreServerApi GET /x -Key $key -BaseUri 'http://user:s3cret-word@api.example.com' } | Should -Throw -ErrorId 'InsecureBaseUri,*'
        try { Invoke-AppStoreServerApi GET /x -Key $key -BaseUri 'http://user:s3cret-word@api.example.com' } catch { $_.Exception.Message | Should -Not -Match 's3cret-word' }
    }
}

Describe 'What a server says is quoted safely' {
    It 'keeps the bearer token out of the error when the server echoes Authorization (<Path>)' -ForEach @(@{ Path = '/hostile/echo-auth' }, @{ Path = '/hostile/echo-auth-json' }) {
        $null = Invoke-AppStoreServerApi GET $Path @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $text = ($failures | Out-String) + $failures[0].Exception.Message + "$($failures[0].Exception.ErrorMessage)" + ($failures[0].Exception.Headers.Values -join ' ')
        $text | Should -Not -Match 'eyJ'
        $text | Should -Match 'token removed'
    }

    It 'escapes control characters and line breaks from the server' {
        $null = Invoke-AppStoreServerApi GET /hostile/control @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTransactionId,*'
        $failures[0].Exception.Message | Should -Not -Match "[`e`n]"
        $failures[0].Exception.Message | Should -Match ([regex]::Escape('\u001B[2J'))
    }
}

Describe 'Odd successful answers end only their own input' {
    It 'reports <Path> as MalformedServerApiResponse and goes on' -ForEach @(
        @{ Path = '/hostile/html-200' }, @{ Path = '/hostile/empty-name' }, @{ Path = '/hostile/many-values' }
    ) {
        $results = $Path, '/inApps/v1/transactions/2000000000000009' | Invoke-AppStoreServerApi GET @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MalformedServerApiResponse,*'
        @($results).signedTransactionInfo | Should -HaveCount 1
    }

    It 'reads a *Date in fractional milliseconds as the time it names, as signed data''s dates are read' {
        $status = Get-AppStoreRenewalExtensionStatus -ProductId fractional-date -RequestIdentifier ([guid]'5b3c9c6e-0f8e-4c1a-9d55-0b8e2f1c7a12') @api
        $status.completeDate | Should -BeOfType [DateTimeOffset]
        $status.completeDate | Should -Be ([DateTimeOffset]::FromUnixTimeMilliseconds(1698148900000).AddTicks(5000))
    }

    It 'keeps a *Date out of range as its number instead of failing' {
        $result = Invoke-AppStoreServerApi GET /hostile/bad-date @api
        $result.expiresDate | Should -Be 100000000000000000
    }

    It 'Update-AppStoreSubscriptionRenewalDate keeps the requestIdentifier it sent and says the change may have been applied' {
        $identifier = [guid]'5b3c9c6e-0f8e-4c1a-9d55-0b8e2f1c7a11'
        $null = Update-AppStoreSubscriptionRenewalDate -OriginalTransactionId 9000000000003007 -ExtendByDays 3 -ReasonCode 1 -RequestIdentifier $identifier @api -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MalformedServerApiResponse,*'
        $failures[0].Exception.RequestIdentifier | Should -Be $identifier.ToString()
        $failures[0].Exception.ChangeMayHaveBeenApplied | Should -BeTrue
        $failures[0].Exception.Message | Should -Match "probably applied.*$identifier"
    }

    It 'Update-AppStoreSubscriptionRenewalDate -AllActiveSubscribers says the same of an HTML 200' {
        $null = Update-AppStoreSubscriptionRenewalDate -AllActiveSubscribers -ProductId html-answer -ExtendByDays 3 -ReasonCode 1 @api -Force -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MalformedServerApiResponse,*'
        $failures[0].Exception.RequestIdentifier | Should -Match '^[0-9a-f-]{36}$'
    }

    It 'a write that got no answer says it may have been applied, with its requestIdentifier' {
        $null = Invoke-AppStoreServerApi PUT /hostile/never @api -Body '{}' -TimeoutSec 1 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ServerApiTimeout,*'
        $failures[0].Exception.ChangeMayHaveBeenApplied | Should -BeTrue
        @(Get-SentTo $server '/hostile/never' | Where-Object method -EQ 'PUT') | Should -HaveCount 1
    }

    It 'Get-AppStoreRenewalExtensionStatus reports an HTML 200 as MalformedServerApiResponse' {
        $null = Get-AppStoreRenewalExtensionStatus -ProductId html-answer -RequestIdentifier ([guid]::NewGuid()) @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MalformedServerApiResponse,*'
    }

    It 'Get-AppStoreNotificationHistory keeps every notification when one attemptDate is out of range' {
        $results = Get-AppStoreNotificationHistory -StartDate ([DateTimeOffset]::UtcNow.AddDays(-1)) -EndDate ([DateTimeOffset]::UtcNow) -TransactionId 9000000000003008 @typed
        @($results) | Should -HaveCount 2
        $results[0].sendAttempts[0].attemptDate | Should -Be 100000000000000000
        $results[1].sendAttempts[0].attemptDate | Should -BeOfType [DateTimeOffset]
    }
}

Describe 'Answers that are genuine but wrong' {
    It 'refuses a signed transaction for another ID as the answer to a lookup' {
        $results = '9000000000003005', '2000000000000010' | Get-AppStoreTransaction @typed -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ServerApiAnswerMismatch,*'
        @($results).transactionId | Should -Be @('2000000000000010')
    }

    It 'names the transaction ID asked for in a batch''s verification error' {
        $null = '2000000000000011', '2000000000000501' | Get-AppStoreTransaction @typed -ThrottleLimit 2 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        "$failures" | Should -Match '^2000000000000501: '
    }

    It 'Get-AppStoreSubscriptionStatus marks the unsigned status and refuses one the signed data contradicts' {
        $good = Get-AppStoreSubscriptionStatus 2000000000000040 @typed
        $good[0].UnsignedFields | Should -Contain 'status'
        $good[0].bundleId | Should -Be $good[0].Transaction.bundleId
        $null = Get-AppStoreSubscriptionStatus 9000000000003006 @typed -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'UnsignedFieldContradicted,*'
        $failures[0].Exception.Message | Should -Match 'Active, but the signed transaction expired'
    }
}

Describe 'Paging ends' {
    It 'stops when two cursors alternate' {
        $null = Get-AppStoreTransactionHistory 9000000000003002 @typed -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MalformedServerApiResponse,*'
        @(Get-SentTo $server '/inApps/v2/history/9000000000003002') | Should -HaveCount 3
    }

    It 'stops asking as soon as -First is met, however many pages the server promises' {
        $results = Get-AppStoreTransactionHistory 9000000000003003 @typed -First 3
        @($results) | Should -HaveCount 3
        @(Get-SentTo $server '/inApps/v2/history/9000000000003003') | Should -HaveCount 3
    }

    It 'reports a wrong-shaped history answer as an error, not as an empty history' {
        $results = Get-AppStoreTransactionHistory 9000000000003004 @typed -ErrorVariable failures -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MalformedServerApiResponse,*'
    }
}

Describe 'An HTML 200 from every endpoint (a captive portal)' {
    It 'Send-AppStoreTestNotification reports MalformedServerApiResponse instead of crashing' {
        $null = Send-AppStoreTestNotification -Key $key -BaseUri "$($server.BaseUri)/html-200" -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MalformedServerApiResponse,*'
    }

    It 'Send-AppStoreTestNotification -Wait reports MalformedServerApiResponse too' {
        $null = Send-AppStoreTestNotification -Wait -Key $key -BaseUri "$($server.BaseUri)/html-200" -TrustedRoot $chain.Root -AppAppleId 1234567890 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MalformedServerApiResponse,*'
    }
}

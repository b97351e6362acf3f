# Invoke-AppStoreServerApi against tests/interop/server-api.mjs, a loopback server that checks the bearer token the
# way Apple does and answers Apple's documented shapes, error bodies and rate limits.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.TestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Invoke-AppStoreServerApi' {
    It 'returns the answer JSON as objects' {
        $result = Invoke-AppStoreServerApi GET /inApps/v1/transactions/2000000123456789 @api
        $result.signedTransactionInfo | Should -Be 'signed-2000000123456789'
    }

    It 'sends the method, path, repeated query names, dates as milliseconds, and Accept' {
        $since = [DateTimeOffset]::FromUnixTimeMilliseconds(1698148900000)
        $null = Invoke-AppStoreServerApi GET /inApps/v2/history/2000000000000042 @api -Query ([ordered]@{
            productId = 'com.example.a', 'com.example.b'; startDate = $since; revoked = $false })
        $sent = (Get-ServerRequests $server) | Where-Object path -EQ '/inApps/v2/history/2000000000000042' | Select-Object -Last 1
        $sent.method | Should -Be 'GET'
        $sent.accept | Should -Be 'application/json'
        ($sent.query | ForEach-Object { $_ -join '=' }) | Should -Be @('productId=com.example.a', 'productId=com.example.b', 'startDate=1698148900000', 'revoked=false')
    }

    It 'sends a hashtable body as JSON' {
        $null = Invoke-AppStoreServerApi PUT /inApps/v1/subscriptions/extend/2000000000000001 @api -Body @{ extendByDays = 7; extendReasonCode = 1; requestIdentifier = 'b8c6f1d2-9e38-4f0b-8f4b-a8b1c3d4e5f6' } -Confirm:$false
        $sent = (Get-ServerRequests $server) | Where-Object path -EQ '/inApps/v1/subscriptions/extend/2000000000000001' | Select-Object -Last 1
        $sent.method | Should -Be 'PUT'
        $sent.body.extendByDays | Should -Be 7
        $sent.body.extendByDays | Should -BeOfType [long]
        $sent.body.extendReasonCode | Should -Be 1
        $sent.body.requestIdentifier | Should -Be 'b8c6f1d2-9e38-4f0b-8f4b-a8b1c3d4e5f6'
    }

    It '-WhatIf sends nothing for a request that changes something' {
        $before = @(Get-ServerRequests $server).Count
        Invoke-WithoutHost { Invoke-AppStoreServerApi PUT /inApps/v1/subscriptions/extend/2000000000000077 @api -Body '{"extendByDays":1}' -WhatIf } @{ api = $api } | Should -BeNullOrEmpty
        @(Get-ServerRequests $server).Count | Should -Be $before
    }

    It 'reports Apple''s error as a non-terminating error with the Pascal-case name, status, code and message' {
        $result = Invoke-AppStoreServerApi GET /inApps/v1/transactions/4040010 @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotFound,*'
        $failures[0].Exception.StatusCode | Should -Be 404
        $failures[0].Exception.ErrorCode | Should -Be 4040010
        $failures[0].Exception.ErrorMessage | Should -Be 'Transaction id not found.'
        $failures[0].Exception.Message | Should -Match 'sandbox'
        $failures[0].TargetObject | Should -Be '/inApps/v1/transactions/4040010'
    }

    It 'goes on with the next pipeline input after an error' {
        $results = '/inApps/v1/transactions/bad-id', '/inApps/v1/transactions/2000000000000009' |
            Invoke-AppStoreServerApi GET -Key $key -BaseUri $server.BaseUri -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTransactionId,*'
        @($results).signedTransactionInfo | Should -Be 'signed-2000000000000009'
    }

    It 'waits Retry-After after a 429 and says so, then succeeds' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-AppStoreServerApi GET /inApps/v1/transactions/rate-limited-once @api -Verbose 4>&1
        $watch.Stop()
        $verbose = @($result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose | Should -HaveCount 1
        $verbose[0].Message | Should -Match 'RateLimitExceeded \(HTTP 429\); waiting 1 s as Retry-After asks, until '
        ($result | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).signedTransactionInfo | Should -Be 'signed-rate-limited-once'
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9
    }

    It 'backs off on a retryable code and gives up after -MaximumRetryCount retries' {
        $before = @((Get-ServerRequests $server) | Where-Object path -EQ '/inApps/v1/transactions/always-retryable').Count
        $null = Invoke-AppStoreServerApi GET /inApps/v1/transactions/always-retryable @api -MaximumRetryCount 2 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GeneralInternalRetryable,*'
        $after = @((Get-ServerRequests $server) | Where-Object path -EQ '/inApps/v1/transactions/always-retryable').Count
        $after - $before | Should -Be 3
    }

    It 'does not retry a request that changes something when Apple''s answer does not say it was not applied' {
        $null = Invoke-AppStoreServerApi PUT /inApps/v1/subscriptions/extend/server-error @api -Body '{"extendByDays":1,"extendReasonCode":0,"requestIdentifier":"x"}' -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GeneralInternal,*'
        @((Get-ServerRequests $server) | Where-Object path -EQ '/inApps/v1/subscriptions/extend/server-error').Count | Should -Be 1
    }

    It 'retries a request that changes something after a 429 (not applied)' {
        $null = Invoke-AppStoreServerApi PUT /inApps/v1/subscriptions/extend/rate-limited @api -Body '{"extendByDays":1,"extendReasonCode":0,"requestIdentifier":"x"}' -MaximumRetryCount 1 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RateLimitExceeded,*'
        @((Get-ServerRequests $server) | Where-Object path -EQ '/inApps/v1/subscriptions/extend/rate-limited').Count | Should -Be 2
    }

    It 'names the HTTP status when Apple sends no code' {
        $null = Invoke-AppStoreServerApi GET /inApps/v1/transactions/no-code @api -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'HttpStatus503,*'
        $failures[0].Exception.StatusCode | Should -Be 503
    }

    It 'stops waiting after -TimeoutSec' {
        $null = Invoke-AppStoreServerApi GET /inApps/v1/transactions/slow @api -TimeoutSec 1 -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ServerApiTimeout,*'
    }

    It 'refuses plain http to a host that is not loopback, before sending anything' {
        { Invoke-AppStoreServerApi GET /inApps/v1/transactions/1 -Key $key -BaseUri 'http://api.example.com' } |
            Should -Throw -ErrorId 'InsecureBaseUri,*'
    }
}

Describe 'The test server checks the bearer token as Apple does' {
    It 'answers 401 with no body, and the error says what usually causes it, for <Case>' -ForEach @(
        @{ Case = 'another key'; Pem = $null; BundleId = $null }
        @{ Case = 'another bundle ID'; Pem = 'same'; BundleId = 'com.example.other' }
    ) {
        $otherKey = if ($Pem) { $key } else { Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app }
        $arguments = @{ Key = $otherKey; BaseUri = $server.BaseUri }
        if ($BundleId) { $arguments.BundleId = $BundleId }
        $null = Invoke-AppStoreServerApi GET /inApps/v1/transactions/2000000000000001 @arguments -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Unauthorized,*'
        $failures[0].Exception.StatusCode | Should -Be 401
        $failures[0].Exception.Message | Should -Match 'In-App Purchase key'
    }

    It 'refuses a token whose exp is more than 60 minutes after iat, and one issued in the future; accepts a good one' {
        # Apple's limit is 60 minutes and our factory refuses to make more, so the 61-minute token is signed here by hand.
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $signingInput = (ConvertTo-Base64Url '{"alg":"ES256","kid":"2X9R4HXF34","typ":"JWT"}') + '.' +
            (ConvertTo-Base64Url ('{"iss":"' + (Get-TestIssuerId) + '","iat":' + ($now - 1) + ',"exp":' + ($now + 3659) + ',"aud":"appstoreconnect-v1","bid":"com.example.app"}'))
        $ecdsa = [Security.Cryptography.ECDsa]::Create()
        $ecdsa.ImportFromPem($pem)
        $signature = ConvertTo-Base64Url $ecdsa.SignData([Text.Encoding]::ASCII.GetBytes($signingInput), 'SHA256')
        $tokens = @(
            "$signingInput.$signature"
            (New-AppStoreServerApiToken -Key $key -IssuedAt ([DateTimeOffset]::UtcNow.AddMinutes(2))).Token
            (New-AppStoreServerApiToken -Key $key).Token
        )
        $statuses = foreach ($token in $tokens) {
            (Invoke-WebRequest -Uri "$($server.BaseUri)/inApps/v1/transactions/1" -Headers @{ Authorization = "Bearer $token" } -SkipHttpErrorCheck).StatusCode
        }
        $statuses | Should -Be @(401, 401, 200)
    }
}

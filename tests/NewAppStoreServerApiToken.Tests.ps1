# New-AppStoreServerApiToken: the App Store Server API bearer token, described in docs/WireFormat.md. Every claim is
# checked by name, JSON type and value; signatures are verified with .NET's ECDsa and with jose, and the token is
# compared with the one Apple's official Node library sends.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:serverCmdlet = Get-CmdletTypeName New-AppStoreServerApiToken
    $script:fixedAt = [DateTimeOffset]::FromUnixTimeSeconds(1700000000)
    $script:connectCmdlet = Get-CmdletTypeName New-AppStoreConnectApiToken
}

Describe 'New-AppStoreServerApiToken' {
    It 'signs iss, iat, exp, aud and bid, valid for 5 minutes by default' {
        $before = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $token = New-AppStoreServerApiToken -Key $key
        $parts = Assert-BearerToken $token -PublicKeyPem $key.PublicKeyPem
        ($parts.Payload.Keys | Sort-Object) | Should -Be @('aud', 'bid', 'exp', 'iat', 'iss')
        $types = Get-ClaimType $parts.PayloadJson
        $types.iss | Should -Be 'String'
        $types.bid | Should -Be 'String'
        $parts.Payload.iss | Should -BeExactly (Get-TestIssuerId)
        $parts.Payload.bid | Should -BeExactly 'com.example.app'
        $parts.Payload.iat | Should -BeGreaterOrEqual $before
        $parts.Payload.iat | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds())
        ($parts.Payload.exp - $parts.Payload.iat) | Should -Be 300
        $token.IssuerId | Should -BeExactly (Get-TestIssuerId)
        $token.BundleId | Should -BeExactly 'com.example.app'
    }

    It 'computes exp from the same instant as iat, for <Name>' -ForEach @(
        @{ Name = 'the default lifetime'; Parameters = @{}; Seconds = 300 }
        @{ Name = 'a 60-minute lifetime'; Parameters = @{ Lifetime = New-TimeSpan -Minutes 60 }; Seconds = 3600 }
        @{ Name = 'a 90-second lifetime'; Parameters = @{ Lifetime = New-TimeSpan -Seconds 90 }; Seconds = 90 }
        @{ Name = 'a lifetime given as text'; Parameters = @{ Lifetime = '00:30:00' }; Seconds = 1800 }
        @{ Name = 'a lifetime given as a number of seconds'; Parameters = @{ Lifetime = 600 }; Seconds = 600 }
    ) {
        $parts = Assert-BearerToken (New-AppStoreServerApiToken -Key $key -IssuedAt $fixedAt.AddMilliseconds(999) @Parameters) -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.iat | Should -Be 1700000000
        $parts.Payload.exp | Should -Be (1700000000 + $Seconds)
    }

    It 'backdates iat and exp together by -ClockSkew' {
        $parts = Assert-BearerToken (New-AppStoreServerApiToken -Key $key -IssuedAt $fixedAt -ClockSkew (New-TimeSpan -Seconds 30)) -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.iat | Should -Be 1699999970
        $parts.Payload.exp | Should -Be 1700000270
    }

    It 'refuses <Name> with <Id> before signing anything' -ForEach @(
        @{ Name = 'a lifetime over 60 minutes'; Parameters = @{ Lifetime = New-TimeSpan -Minutes 61 }; Id = 'LifetimeTooLong' }
        @{ Name = 'a zero lifetime'; Parameters = @{ Lifetime = [TimeSpan]::Zero }; Id = 'InvalidLifetime' }
        @{ Name = 'a negative lifetime'; Parameters = @{ Lifetime = New-TimeSpan -Minutes -5 }; Id = 'InvalidLifetime' }
        @{ Name = 'a bare number of seconds over the limit'; Parameters = @{ Lifetime = 3601 }; Id = 'LifetimeTooLong' }
        @{ Name = 'a negative -ClockSkew'; Parameters = @{ ClockSkew = New-TimeSpan -Seconds -5 }; Id = 'InvalidClockSkew' }
        @{ Name = 'a -ClockSkew over 10 minutes'; Parameters = @{ ClockSkew = New-TimeSpan -Minutes 11 }; Id = 'InvalidClockSkew' }
        @{ Name = 'an -IssuedAt of MaxValue'; Parameters = @{ IssuedAt = [DateTimeOffset]::MaxValue }; Id = 'InvalidIssuedAt' }
        @{ Name = 'an -IssuedAt of MinValue with -ClockSkew'; Parameters = @{ IssuedAt = [DateTimeOffset]::MinValue; ClockSkew = 30 }; Id = 'InvalidIssuedAt' }
        @{ Name = 'an -IssuedAt before 2000'; Parameters = @{ IssuedAt = [DateTimeOffset]'1999-12-31T23:59:59Z' }; Id = 'InvalidIssuedAt' }
        @{ Name = 'an -IssuedAt a day ahead'; Parameters = @{ IssuedAt = [DateTimeOffset]::UtcNow.AddDays(1) }; Id = 'InvalidIssuedAt' }
    ) {
        $err = try { 1..3 | ForEach-Object { [pscustomobject]@{ BundleId = "com.example.app$_" } } | New-AppStoreServerApiToken -Key $key @Parameters } catch { $_ }
        $err.FullyQualifiedErrorId | Should -Be "$Id,$serverCmdlet"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses an -IssuedAt of <Name> for App Store Connect API tokens too' -ForEach @(
        @{ Name = 'MaxValue'; At = [DateTimeOffset]::MaxValue }
        @{ Name = 'MinValue'; At = [DateTimeOffset]::MinValue }
    ) {
        { New-AppStoreConnectApiToken -Key $key -IssuedAt $At -ClockSkew 60 } |
            Should -Throw -ErrorId "InvalidIssuedAt,$connectCmdlet"
    }

    It 'says the limit in the message when the lifetime is too long' {
        $err = try { New-AppStoreServerApiToken -Key $key -Lifetime (New-TimeSpan -Minutes 61) } catch { $_ }
        $err.Exception.Message | Should -Match '60 minutes'
    }

    It 'stops with IssuerIdMissing when the key has no issuer ID' {
        $bare = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -BundleId com.example.app
        $err = try { New-AppStoreServerApiToken -Key $bare } catch { $_ }
        $err.FullyQualifiedErrorId | Should -Be "IssuerIdMissing,$serverCmdlet"
        $err.Exception.Message | Should -Match 'Get-AppStoreKey -IssuerId'
    }

    It 'stops with BundleIdMissing when neither the key nor -BundleId has one' {
        $bare = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId)
        { New-AppStoreServerApiToken -Key $bare } | Should -Throw -ErrorId "BundleIdMissing,$serverCmdlet"
    }

    It 'takes the bundle ID from -BundleId, or per row from the pipeline' {
        (Get-JwsPart (New-AppStoreServerApiToken -Key $key -BundleId com.example.other).Token).Payload.bid | Should -BeExactly 'com.example.other'
        $tokens = 'com.example.one', 'com.example.two' | ForEach-Object { [pscustomobject]@{ BundleId = $_ } } | New-AppStoreServerApiToken -Key $key
        $tokens.BundleId | Should -Be @('com.example.one', 'com.example.two')
        $tokens | ForEach-Object { (Get-JwsPart $_.Token).Payload.bid } | Should -Be @('com.example.one', 'com.example.two')
    }

    It 'shows the exact signed header and payload with -Verbose, never the token or key material' {
        $records = New-AppStoreServerApiToken -Key $key -Verbose 4>&1
        $token = $records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = $records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $parts = Get-JwsPart $token.Token
        $verbose | Should -Contain ('Signed JWS header: ' + $parts.HeaderJson)
        $verbose | Should -Contain ('Signed JWS payload: ' + $parts.PayloadJson)
        ($verbose -join "`n") | Should -Not -Match ([regex]::Escape($token.Token.Split('.')[2]))
        $body = ($pem -split "`n" | Where-Object { $_ -notmatch '-----' }) -join ''
        ($verbose -join "`n") | Should -Not -Match ([regex]::Escape($body.Substring(20, 30)))
    }

    It 'shows a readable list by default' {
        $text = New-AppStoreServerApiToken -Key $key | Out-String -Width 200
        $text | Should -Match 'BundleId\s+: com.example.app'
        $text | Should -Match 'ExpiresAt\s+:'
    }
}

Describe 'Bearer tokens verified by others' {
    It 'jose verifies every kind of token with the public key' {
        $tokens = @(
            New-AppStoreServerApiToken -Key $key
            New-AppStoreConnectApiToken -Key $key
            New-AppStoreConnectApiToken -Key $key -IndividualKey -Scope 'GET /v1/apps'
        )
        $result = Invoke-Interop verify-jws @{ publicKeyPem = $key.PublicKeyPem; tokens = @($tokens.Token) }
        foreach ($entry in $result.results) {
            $entry.error | Should -BeNullOrEmpty
            $entry.valid | Should -BeTrue
            $entry.header.alg | Should -BeExactly 'ES256'
            $entry.header.kid | Should -BeExactly '2X9R4HXF34'
            $entry.header.typ | Should -BeExactly 'JWT'
            $entry.payload.aud | Should -BeExactly 'appstoreconnect-v1'
        }
    }

    It 'has the same header and claims, names, types and values, as the token Apple''s AppStoreServerAPIClient sends' {
        $apple = (Invoke-Interop apple-server-api-token @{ privateKeyPem = $pem; keyId = $key.KeyId; issuerId = $key.IssuerId; bundleId = $key.BundleId }).token
        Test-Es256Signature -Token $apple -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
        $ours = Get-JwsPart (New-AppStoreServerApiToken -Key $key).Token
        $theirs = Get-JwsPart $apple
        ($ours.Header.Keys | Sort-Object) | Should -Be ($theirs.Header.Keys | Sort-Object)
        foreach ($name in $theirs.Header.Keys) { $ours.Header[$name] | Should -BeExactly $theirs.Header[$name] -Because "header member $name" }
        ($ours.Payload.Keys | Sort-Object) | Should -Be ($theirs.Payload.Keys | Sort-Object)
        $ourTypes = Get-ClaimType $ours.PayloadJson
        $theirTypes = Get-ClaimType $theirs.PayloadJson
        foreach ($name in $theirs.Payload.Keys) {
            $ourTypes[$name] | Should -Be $theirTypes[$name] -Because "claim $name has the same JSON type"
            if ($name -notin 'iat', 'exp') { $ours.Payload[$name] | Should -BeExactly $theirs.Payload[$name] -Because "claim $name" }
        }
        ($ours.Payload.exp - $ours.Payload.iat) | Should -Be ($theirs.Payload.exp - $theirs.Payload.iat)
    }

    It 'works as the Authorization header of Invoke-RestMethod' {
        $token = New-AppStoreServerApiToken -Key $key
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        try {
            # The server side runs in a thread job and echoes the Authorization header it received.
            $job = Start-ThreadJob -ArgumentList $listener {
                param($listener)
                $context = $listener.GetContext()
                $body = [Text.Encoding]::UTF8.GetBytes((@{ authorization = $context.Request.Headers['Authorization'] } | ConvertTo-Json -Compress))
                $context.Response.ContentType = 'application/json'
                $context.Response.OutputStream.Write($body, 0, $body.Length)
                $context.Response.Close()
            }
            $response = Invoke-RestMethod -Uri "http://127.0.0.1:$port/inApps/v1/history/2000000123456789" -Headers @{ Authorization = $token.Authorization } -TimeoutSec 20
            $response.authorization | Should -BeExactly "Bearer $($token.Token)"
            $null = $job | Wait-Job -Timeout 20
        }
        finally {
            $listener.Close()
            $job | Remove-Job -Force -ErrorAction SilentlyContinue
        }
    }
}

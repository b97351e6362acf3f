# New-AppStoreConnectApiToken: the App Store Connect API bearer token (team and individual keys), described in
# docs/WireFormat.md. Every claim is checked by name, JSON type and value.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:connectCmdlet = Get-CmdletTypeName New-AppStoreConnectApiToken
    $script:fixedAt = [DateTimeOffset]::FromUnixTimeSeconds(1700000000)
}

Describe 'New-AppStoreConnectApiToken' {
    It 'signs iss, iat, exp and aud for a team key, valid for 15 minutes by default' {
        $token = New-AppStoreConnectApiToken -Key $key -IssuedAt $fixedAt
        $parts = Assert-BearerToken $token -PublicKeyPem $key.PublicKeyPem
        ($parts.Payload.Keys | Sort-Object) | Should -Be @('aud', 'exp', 'iat', 'iss')
        (Get-ClaimType $parts.PayloadJson).iss | Should -Be 'String'
        $parts.Payload.iss | Should -BeExactly (Get-TestIssuerId)
        $parts.Payload.iat | Should -Be 1700000000
        $parts.Payload.exp | Should -Be (1700000000 + 900)
        $token.KeyType | Should -Be 'Team'
        $token.IssuerId | Should -BeExactly (Get-TestIssuerId)
        $token.Subject | Should -BeNullOrEmpty
        $token.Scope | Should -BeNullOrEmpty
    }

    It 'signs sub "user" and no iss for an individual key, which needs no issuer ID' {
        $individual = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34
        $token = New-AppStoreConnectApiToken -Key $individual -IndividualKey
        $parts = Assert-BearerToken $token -PublicKeyPem $key.PublicKeyPem
        ($parts.Payload.Keys | Sort-Object) | Should -Be @('aud', 'exp', 'iat', 'sub')
        (Get-ClaimType $parts.PayloadJson).sub | Should -Be 'String'
        $parts.Payload.sub | Should -BeExactly 'user'
        ($parts.Payload.exp - $parts.Payload.iat) | Should -Be 900
        $token.KeyType | Should -Be 'Individual'
        $token.Subject | Should -BeExactly 'user'
        $token.IssuerId | Should -BeNullOrEmpty
    }

    It 'leaves iss out for an individual key even when the key object has an issuer ID' {
        $parts = Assert-BearerToken (New-AppStoreConnectApiToken -Key $key -IndividualKey) -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.Keys | Should -Not -Contain 'iss'
    }

    It 'signs -Scope as a JSON array of strings' {
        $scope = 'GET /v1/apps?filter[platform]=IOS', 'PATCH /v1/apps/123'
        $token = New-AppStoreConnectApiToken -Key $key -Scope $scope
        $parts = Assert-BearerToken $token -PublicKeyPem $key.PublicKeyPem
        ($parts.Payload.Keys | Sort-Object) | Should -Be @('aud', 'exp', 'iat', 'iss', 'scope')
        (Get-ClaimType $parts.PayloadJson).scope | Should -Be 'Array'
        $parts.PayloadJson | Should -Match ([regex]::Escape('"scope":["GET /v1/apps?filter[platform]=IOS","PATCH /v1/apps/123"]'))
        $token.Scope | Should -Be $scope
    }

    It 'leaves scope out when it is <Name>' -ForEach @(
        @{ Name = 'not given'; Parameters = @{} }
        @{ Name = 'an empty array'; Parameters = @{ Scope = @() } }
        @{ Name = 'null'; Parameters = @{ Scope = $null } }
    ) {
        $parts = Assert-BearerToken (New-AppStoreConnectApiToken -Key $key @Parameters) -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.Keys | Should -Not -Contain 'scope'
    }

    It 'refuses the scope entry <Entry> for that row only' -ForEach @(
        @{ Entry = 'get /v1/apps' }, @{ Entry = 'GET https://api.appstoreconnect.apple.com/v1/apps'; Hint = 'path only' }
        @{ Entry = '/v1/apps' }, @{ Entry = '' }, @{ Entry = 'GET  /v1/apps' }
    ) {
        $rows = @([pscustomobject]@{ Scope = @('GET /v1/apps') }, [pscustomobject]@{ Scope = @('GET /v1/builds', $Entry) }, [pscustomobject]@{ Scope = @('GET /v1/users') })
        $out = $rows | New-AppStoreConnectApiToken -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -HaveCount 2
        $out.Scope | Should -Be @('GET /v1/apps', 'GET /v1/users')
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidScope,$connectCmdlet"
        $errors[0].Exception.Message | Should -Match 'METHOD|HTTP method'
        if ($Hint) { $errors[0].Exception.Message | Should -Match $Hint }
    }

    It 'accepts a lifetime up to 20 minutes and refuses more' {
        $parts = Assert-BearerToken (New-AppStoreConnectApiToken -Key $key -Lifetime (New-TimeSpan -Minutes 20) -IssuedAt $fixedAt) -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.exp | Should -Be (1700000000 + 1200)
        $err = try { New-AppStoreConnectApiToken -Key $key -Lifetime (New-TimeSpan -Minutes 21) } catch { $_ }
        $err.FullyQualifiedErrorId | Should -Be "LifetimeTooLong,$connectCmdlet"
        $err.Exception.Message | Should -Match '20 minutes'
    }

    It 'backdates iat and exp together by -ClockSkew' {
        $parts = Assert-BearerToken (New-AppStoreConnectApiToken -Key $key -IssuedAt $fixedAt -ClockSkew (New-TimeSpan -Minutes 1)) -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.iat | Should -Be 1699999940
        $parts.Payload.exp | Should -Be 1700000840
    }

    It 'stops with IssuerIdMissing for a team key without an issuer ID' {
        $bare = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34
        { New-AppStoreConnectApiToken -Key $bare } | Should -Throw -ErrorId "IssuerIdMissing,$connectCmdlet"
    }

    It 'shows a readable list by default' {
        $text = New-AppStoreConnectApiToken -Key $key -IndividualKey -Scope 'GET /v1/apps' | Out-String -Width 200
        $text | Should -Match 'KeyType\s+: Individual'
        $text | Should -Match 'Subject\s+: user'
    }
}

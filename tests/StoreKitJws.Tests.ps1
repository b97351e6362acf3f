BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:folder = New-TestFolder


    function Assert-BaseClaim {
        param($Jws, [string] $Audience)
        Test-Es256Signature -Token $Jws.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
        $parts = Get-JwsPart $Jws.Token
        $parts.Signature.Length | Should -Be 64
        $parts.HeaderJson | Should -BeExactly '{"alg":"ES256","kid":"ABCDE12345","typ":"JWT"}'
        $parts.Payload.iss | Should -BeExactly (Get-TestIssuerId)
        $parts.Payload.aud | Should -BeExactly $Audience
        $parts.Payload.bid | Should -BeExactly $Jws.BundleId
        $parts.Payload.nonce | Should -MatchExactly (Get-UuidV4Pattern)
        $parts.Payload.nonce | Should -BeExactly $Jws.Nonce
        $parts.Payload.iat | Should -Be $Jws.IssuedAt.ToUnixTimeSeconds()
        $parts.Payload.Keys | Should -Not -Contain 'exp'
        $types = Get-ClaimType $parts.PayloadJson
        $types.iss | Should -Be 'String'
        $types.iat | Should -Be 'Number'
        $types.aud | Should -Be 'String'
        $types.bid | Should -Be 'String'
        $types.nonce | Should -Be 'String'
        $parts.PayloadJson | Should -Match '"iat":\d+[,}]'
        $Jws.ToString() | Should -BeExactly $Jws.Token
        $Jws.Audience | Should -BeExactly $Audience
        $Jws.KeyId | Should -BeExactly 'ABCDE12345'
        $parts
    }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'New-PromotionalOfferJws' {
    It 'signs the StoreKit claims and nothing else' {
        $before = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $jws = New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1 -TransactionId 2000000123456789
        $parts = Assert-BaseClaim $jws 'promotional-offer'
        $parts.Payload.iat | Should -BeGreaterOrEqual $before
        $parts.Payload.iat | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds())
        $parts.Payload.productId | Should -BeExactly 'com.example.sub'
        $parts.Payload.offerIdentifier | Should -BeExactly 'WINBACK1'
        $parts.Payload.transactionId | Should -BeExactly '2000000123456789'
        ($parts.Payload.Keys | Sort-Object) | Should -Be (@('aud', 'bid', 'iat', 'iss', 'nonce', 'offerIdentifier', 'productId', 'transactionId') | Sort-Object)
        (Get-ClaimType $parts.PayloadJson).transactionId | Should -Be 'String'
        $jws.ProductId | Should -BeExactly 'com.example.sub'
        $jws.OfferIdentifier | Should -BeExactly 'WINBACK1'
        $jws.TransactionId | Should -BeExactly '2000000123456789'
    }

    It 'omits transactionId when it is <Name>' -ForEach @(
        @{ Name = 'not given'; Parameters = @{} }
        @{ Name = 'null'; Parameters = @{ TransactionId = $null } }
        @{ Name = 'empty'; Parameters = @{ TransactionId = '' } }
        @{ Name = 'whitespace'; Parameters = @{ TransactionId = '   ' } }
    ) {
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o @Parameters
        $parts = Assert-BaseClaim $jws 'promotional-offer'
        $parts.Payload.Keys | Should -Not -Contain 'transactionId'
        $parts.PayloadJson | Should -Not -Match 'transactionId'
        $jws.TransactionId | Should -BeNullOrEmpty
    }

    It 'reports <Id> for a row with <Name>, as a non-terminating error' -ForEach @(
        @{ Name = 'an empty productId'; Row = @{ ProductId = ''; OfferIdentifier = 'o' }; Id = 'ProductIdMissing' }
        @{ Name = 'a blank offerIdentifier'; Row = @{ ProductId = 'p'; OfferIdentifier = '  ' }; Id = 'OfferIdentifierMissing' }
        @{ Name = 'a padded productId'; Row = @{ ProductId = ' p'; OfferIdentifier = 'o' }; Id = 'ProductIdHasWhitespace' }
        @{ Name = 'a padded transactionId'; Row = @{ ProductId = 'p'; OfferIdentifier = 'o'; TransactionId = '12 ' }; Id = 'TransactionIdHasWhitespace' }
    ) {
        $rows = @([pscustomobject]@{ ProductId = 'first'; OfferIdentifier = 'o' }, [pscustomobject]$Row, [pscustomobject]@{ ProductId = 'last'; OfferIdentifier = 'o' })
        $out = $rows | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue
        $out.ProductId | Should -Be @('first', 'last')
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,AppStoreJws.Commands.NewPromotionalOfferJwsCommand"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -Match ($Id -replace '(Missing|HasWhitespace)$' -replace '^(.)', { $_.Value.ToLower() })
    }

    It 'refuses a row with <Name> with <Id>, and signs the rows around it' -ForEach @(
        @{ Name = 'a lone high surrogate in productId'; Row = @{ ProductId = "p$([char]0xD800)"; OfferIdentifier = 'o' }; Id = 'UnpairedSurrogate' }
        @{ Name = 'a lone low surrogate in offerIdentifier'; Row = @{ ProductId = 'p'; OfferIdentifier = "$([char]0xDC00)o" }; Id = 'UnpairedSurrogate' }
        @{ Name = 'a 10 MB productId (a token Test-AppStoreJws would refuse)'; Row = @{ ProductId = 'p' * 10MB; OfferIdentifier = 'o' }; Id = 'JwsTooLarge' }
    ) {
        $rows = @([pscustomobject]@{ ProductId = 'first'; OfferIdentifier = 'o' }, [pscustomobject]$Row, [pscustomobject]@{ ProductId = 'last'; OfferIdentifier = 'o' })
        $out = $rows | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue
        $out.ProductId | Should -Be @('first', 'last')
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,AppStoreJws.Commands.NewPromotionalOfferJwsCommand"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'signs a productId with a whole surrogate pair, and a token just under the verifier''s limit' {
        $emoji = New-PromotionalOfferJws -Key $key -ProductId "p$([char]::ConvertFromUtf32(0x1F600))" -OfferIdentifier o
        (Get-JwsPart $emoji.Token).Payload.productId | Should -BeExactly "p$([char]::ConvertFromUtf32(0x1F600))"
        $big = New-PromotionalOfferJws -Key $key -ProductId ('p' * 190KB) -OfferIdentifier o
        $big.Token.Length | Should -BeLessOrEqual 256KB
        (Test-AppStoreJws -Token $big.Token -Key $key).Checks.Name | Should -Not -BeNullOrEmpty
    }

    It 'takes the bundle ID from -BundleId over the key''s' {
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -BundleId com.example.other
        (Get-JwsPart $jws.Token).Payload.bid | Should -BeExactly 'com.example.other'
        $jws.BundleId | Should -BeExactly 'com.example.other'
    }

    It 'stops with BundleIdMissing when neither the key nor -BundleId has one' {
        $bare = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId)
        { New-PromotionalOfferJws -Key $bare -ProductId p -OfferIdentifier o } |
            Should -Throw -ErrorId 'BundleIdMissing,AppStoreJws.Commands.NewPromotionalOfferJwsCommand'
    }

    It 'stops with IssuerIdMissing, saying how to fix it, when the key has no issuer ID' {
        $bare = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -BundleId com.example.app
        $err = try { 1..3 | ForEach-Object { [pscustomobject]@{ ProductId = "p$_"; OfferIdentifier = 'o' } } | New-PromotionalOfferJws -Key $bare } catch { $_ }
        $err.FullyQualifiedErrorId | Should -Be 'IssuerIdMissing,AppStoreJws.Commands.NewPromotionalOfferJwsCommand'
        $err.Exception.Message | Should -Match 'Get-AppStoreKey -IssuerId'
    }

    It 'uses a fixed -IssuedAt and -Nonce (for tests)' {
        $at = [DateTimeOffset]::new(2026, 1, 2, 3, 4, 5, 678, [TimeSpan]::Zero)
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -IssuedAt $at -Nonce 'A1B2C3D4-0000-4000-8000-00000000000F'
        $parts = Assert-BaseClaim $jws 'promotional-offer'
        $parts.Payload.iat | Should -Be 1767323045
        $parts.Payload.nonce | Should -BeExactly 'a1b2c3d4-0000-4000-8000-00000000000f'
    }

    It 'backdates iat by -ClockSkew' {
        $at = [DateTimeOffset]::FromUnixTimeSeconds(1700000000)
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -IssuedAt $at -ClockSkew (New-TimeSpan -Seconds 30)
        (Get-JwsPart $jws.Token).Payload.iat | Should -Be 1699999970
    }

    It 'reads a bare -ClockSkew number as seconds, not ticks' {
        $at = [DateTimeOffset]::FromUnixTimeSeconds(1700000000)
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -IssuedAt $at -ClockSkew 45
        (Get-JwsPart $jws.Token).Payload.iat | Should -Be 1699999955
    }

    It 'refuses <Name> before signing anything' -ForEach @(
        @{ Name = 'a negative -ClockSkew'; Parameters = @{ ClockSkew = New-TimeSpan -Seconds -5 }; Id = 'InvalidClockSkew' }
        @{ Name = 'a -ClockSkew over 10 minutes'; Parameters = @{ ClockSkew = New-TimeSpan -Minutes 11 }; Id = 'InvalidClockSkew' }
        @{ Name = 'a -Nonce that is not a UUID'; Parameters = @{ Nonce = 'abc' }; Id = 'InvalidNonce' }
        @{ Name = 'an -IssuedAt of MaxValue'; Parameters = @{ IssuedAt = [DateTimeOffset]::MaxValue }; Id = 'InvalidIssuedAt' }
        @{ Name = 'an -IssuedAt of MinValue with -ClockSkew'; Parameters = @{ IssuedAt = [DateTimeOffset]::MinValue; ClockSkew = 30 }; Id = 'InvalidIssuedAt' }
        @{ Name = 'an -IssuedAt before 2000 (the linter rejects it)'; Parameters = @{ IssuedAt = [DateTimeOffset]'1990-01-01Z' }; Id = 'InvalidIssuedAt' }
        @{ Name = 'an -IssuedAt far in the future'; Parameters = @{ IssuedAt = [DateTimeOffset]'2200-01-01Z' }; Id = 'InvalidIssuedAt' }
    ) {
        { New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o @Parameters } |
            Should -Throw -ErrorId "$Id,AppStoreJws.Commands.NewPromotionalOfferJwsCommand"
    }

    It 'shows the exact signed header and payload with -Verbose, and no key material' {
        $records = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -Verbose 4>&1
        $jws = $records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = $records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $parts = Get-JwsPart $jws.Token
        $verbose | Should -Contain ('Signed JWS header: ' + $parts.HeaderJson)
        $verbose | Should -Contain ('Signed JWS payload: ' + $parts.PayloadJson)
        $body = ($pem -split "`n" | Where-Object { $_ -notmatch '-----' }) -join ''
        ($verbose -join "`n") | Should -Not -Match ([regex]::Escape($body.Substring(20, 30)))
    }

    It 'gives every token a fresh nonce' {
        $nonces = 1..500 | ForEach-Object { (New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o).Nonce }
        ($nonces | Sort-Object -Unique) | Should -HaveCount 500
        $nonces | ForEach-Object { $_ | Should -MatchExactly (Get-UuidV4Pattern) }
    }

    It 'shows a readable table by default' {
        $text = New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1 | Out-String -Width 200
        $text | Should -Match 'ProductId\s+OfferIdentifier\s+TransactionId\s+Token'
        $text | Should -Match 'com.example.sub\s+WINBACK1'
    }
}

Describe 'New-IntroEligibilityJws' {
    It 'emits allowIntroductoryOffer as a JSON boolean from <Value>' -ForEach @(
        @{ Value = 'true'; Expected = $true }, @{ Value = 'FALSE'; Expected = $false }
        @{ Value = '1'; Expected = $true }, @{ Value = '0'; Expected = $false }
        @{ Value = 'Yes'; Expected = $true }, @{ Value = 'no'; Expected = $false }
        @{ Value = $true; Expected = $true }, @{ Value = $false; Expected = $false }
        @{ Value = 1; Expected = $true }, @{ Value = 0; Expected = $false }
    ) {
        $jws = [pscustomobject]@{ ProductId = 'com.example.sub'; AllowIntroductoryOffer = $Value; TransactionId = '2000000123456789' } |
            New-IntroEligibilityJws -Key $key
        $parts = Assert-BaseClaim $jws 'introductory-offer-eligibility'
        $parts.Payload.allowIntroductoryOffer | Should -BeExactly $Expected
        $types = Get-ClaimType $parts.PayloadJson
        $types.allowIntroductoryOffer | Should -Be $(if ($Expected) { 'True' } else { 'False' })
        $types.productId | Should -Be 'String'
        $types.transactionId | Should -Be 'String'
        ($parts.Payload.Keys | Sort-Object) | Should -Be (@('allowIntroductoryOffer', 'aud', 'bid', 'iat', 'iss', 'nonce', 'productId', 'transactionId') | Sort-Object)
        $jws.AllowIntroductoryOffer | Should -BeExactly $Expected
        $jws.TransactionId | Should -BeExactly '2000000123456789'
    }

    It 'refuses the flag <Value> for that row only' -ForEach @(@{ Value = 'maybe' }, @{ Value = '' }, @{ Value = 2 }, @{ Value = 'truee' }) {
        $rows = @(
            [pscustomobject]@{ ProductId = 'first'; AllowIntroductoryOffer = 'true'; TransactionId = '1' }
            [pscustomobject]@{ ProductId = 'bad'; AllowIntroductoryOffer = $Value; TransactionId = '1' }
            [pscustomobject]@{ ProductId = 'last'; AllowIntroductoryOffer = 'false'; TransactionId = '1' }
        )
        $out = $rows | New-IntroEligibilityJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue
        $out.ProductId | Should -Be @('first', 'last')
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,AppStoreJws.Commands.NewIntroEligibilityJwsCommand'
        $errors[0].Exception.Message | Should -Match 'expected true or false'
    }

    It 'requires transactionId' {
        $null = New-IntroEligibilityJws -Key $key -ProductId p -AllowIntroductoryOffer $true -TransactionId '' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'TransactionIdMissing,AppStoreJws.Commands.NewIntroEligibilityJwsCommand'
    }
}

Describe 'Bulk signing through CSV' {
    It 'round-trips 1,000 rows, signing the good ones and reporting the bad ones' {
        $csv = Join-Path $folder 'offers.csv'
        $signed = Join-Path $folder 'signed.csv'
        $bad = @(17, 250, 251, 999)
        $rows = 1..1000 | ForEach-Object {
            [pscustomobject]@{
                productId       = if ($_ -in $bad) { '' } else { "com.example.product$_" }
                offerIdentifier = "offer$($_ % 7)"
                transactionId   = if ($_ % 3 -eq 0) { '' } else { "2000000$_" }
            }
        }
        $rows | Export-Csv $csv
        Import-Csv $csv | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue | Export-Csv $signed
        $errors | Should -HaveCount $bad.Count
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'ProductIdMissing,AppStoreJws.Commands.NewPromotionalOfferJwsCommand' }

        $back = Import-Csv $signed
        $back | Should -HaveCount (1000 - $bad.Count)
        ($back.Nonce | Sort-Object -Unique) | Should -HaveCount $back.Count
        foreach ($row in $back) {
            Test-Es256Signature -Token $row.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
            $payload = (Get-JwsPart $row.Token).Payload
            $payload.productId | Should -BeExactly $row.ProductId
            $payload.offerIdentifier | Should -BeExactly $row.OfferIdentifier
            $payload.nonce | Should -BeExactly $row.Nonce
            if ($row.TransactionId) { $payload.transactionId | Should -BeExactly $row.TransactionId }
            else { $payload.Keys | Should -Not -Contain 'transactionId' }
        }
    }
}

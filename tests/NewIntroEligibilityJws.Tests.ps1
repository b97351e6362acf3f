# New-IntroEligibilityJws: the introductory offer eligibility JWS of StoreKit, its allowIntroductoryOffer flag and its
# transaction ID.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:folder = New-TestFolder
    $script:cmdlet = Get-CmdletTypeName New-IntroEligibilityJws
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'New-IntroEligibilityJws' {
    It 'emits allowIntroductoryOffer as a JSON boolean from <Value>' -ForEach @(
        @{ Value = 'true'; Expected = $true }, @{ Value = 'FALSE'; Expected = $false }
        @{ Value = '1'; Expected = $true }, @{ Value = '0'; Expected = $false }
        @{ Value = 'Yes'; Expected = $true }, @{ Value = 'no'; Expected = $false }
        @{ Value = 'Y'; Expected = $true }, @{ Value = 'n'; Expected = $false }
        @{ Value = $true; Expected = $true }, @{ Value = $false; Expected = $false }
        @{ Value = 1; Expected = $true }, @{ Value = 0; Expected = $false }
    ) {
        $jws = [pscustomobject]@{ ProductId = 'com.example.sub'; AllowIntroductoryOffer = $Value; TransactionId = '2000000123456789' } |
            New-IntroEligibilityJws -Key $key
        $parts = Assert-BaseClaim $jws 'introductory-offer-eligibility' -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.allowIntroductoryOffer | Should -BeExactly $Expected
        $types = Get-ClaimType $parts.PayloadJson
        $types.allowIntroductoryOffer | Should -Be $(if ($Expected) { 'True' } else { 'False' })
        $types.productId | Should -Be 'String'
        $types.transactionId | Should -Be 'String'
        ($parts.Payload.Keys | Sort-Object) | Should -Be (@('allowIntroductoryOffer', 'aud', 'bid', 'iat', 'iss', 'nonce', 'productId', 'transactionId') | Sort-Object)
        $jws.AllowIntroductoryOffer | Should -BeExactly $Expected
        $jws.TransactionId | Should -BeExactly '2000000123456789'
    }

    It 'refuses the flag <Value> for that row only, as the module''s row error <Id>' -ForEach @(
        @{ Value = 'maybe'; Id = 'AllowIntroductoryOfferNotBoolean'; Message = 'expected true or false' }
        @{ Value = ''; Id = 'AllowIntroductoryOfferMissing'; Message = 'required and was empty' }
        @{ Value = 2; Id = 'AllowIntroductoryOfferNotBoolean'; Message = 'expected true or false' }
        @{ Value = 'truee'; Id = 'AllowIntroductoryOfferNotBoolean'; Message = 'expected true or false' }
    ) {
        $rows = @(
            [pscustomobject]@{ ProductId = 'first'; AllowIntroductoryOffer = 'true'; TransactionId = '1' }
            [pscustomobject]@{ ProductId = 'bad'; AllowIntroductoryOffer = $Value; TransactionId = '1' }
            [pscustomobject]@{ ProductId = 'last'; AllowIntroductoryOffer = 'false'; TransactionId = '1' }
        )
        $out = $rows | New-IntroEligibilityJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable closing -WarningAction SilentlyContinue
        $out.ProductId | Should -Be @('first', 'last')
        $errors | Should -HaveCount 1
        "$closing" | Should -BeLike 'Signed 2, refused 1:*'
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
        $errors[0].Exception.Message | Should -Match $Message
        $errors[0].ErrorDetails.Message | Should -Match '^Row 2 '
        $errors[0].TargetObject.ProductId | Should -Be 'bad'
    }

    It 'requires transactionId' {
        $null = New-IntroEligibilityJws -Key $key -ProductId p -AllowIntroductoryOffer $true -TransactionId '' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be "TransactionIdMissing,$cmdlet"
    }
}

# Input as ops scripts really produce it: CSV rows with their own spellings and empty cells, values as text,
# key files as people keep them. Every rule is checked with the forms that broke it and variants.
Describe 'Column spellings people use bind' {
    BeforeAll {
        $pem = New-TestKeyPem
        $key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    }

    It 'snake_case columns bind for New-IntroEligibilityJws' {
        $jws = [pscustomobject]@{ product_id = 'p'; allow_introductory_offer = 'false'; transaction_id = '2000000000000009' } | New-IntroEligibilityJws -Key $key
        $payload = Assert-Token $jws.Token @{ productId = 'p'; transactionId = '2000000000000009' } -PublicKeyPem $key.PublicKeyPem
        $payload.allowIntroductoryOffer | Should -BeFalse
        (Get-ClaimType (Get-JwsPart $jws.Token).PayloadJson).allowIntroductoryOffer | Should -Be 'False'
    }
}

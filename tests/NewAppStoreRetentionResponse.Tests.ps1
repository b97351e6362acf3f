# New-AppStoreRetentionResponse: the JSON answer to Apple's real-time Retention Messaging request, compared with Apple's
# RealtimeResponseBody model for the same inputs (tests/interop/retention-response.mjs), its V2 offer verified with
# jose and its V1 signature with node:crypto.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:request = [pscustomobject]@{ originalTransactionId = '2000000123456780'; productId = 'com.example.premium.monthly'; userLocale = 'en-US' }
    $script:advancedCommerceData = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('{"signature":"x.y.z"}'))
}

Describe 'New-AppStoreRetentionResponse' {
    It 'answers with a message, its identifier in lowercase' {
        $answer = New-AppStoreRetentionResponse -MessageIdentifier 1B8A1D2E-4C5F-4A6B-9C7D-0E1F2A3B4C5D
        $answer.ToString() | Should -BeExactly '{"message":{"messageIdentifier":"1b8a1d2e-4c5f-4a6b-9c7d-0e1f2a3b4c5d"}}'
        $answer.Kind | Should -Be 'message'
        $answer.pstypenames[0] | Should -Be 'AppStoreJws.ServerApi.Retention.RetentionResponse'
    }

    It 'answers with an alternate product, spelling the billing plan type Apple''s way' {
        $answer = New-AppStoreRetentionResponse -ProductId com.example.basic.monthly -BillingPlanType monthly -MessageIdentifier 2c9b2e3f-5d6a-4b7c-8d9e-1f2a3b4c5d6e
        $answer.Json | Should -BeExactly '{"alternateProduct":{"messageIdentifier":"2c9b2e3f-5d6a-4b7c-8d9e-1f2a3b4c5d6e","productId":"com.example.basic.monthly","billingPlanType":"MONTHLY"}}'
        (New-AppStoreRetentionResponse -ProductId com.example.basic.monthly).Json | Should -BeExactly '{"alternateProduct":{"productId":"com.example.basic.monthly"}}'
    }

    It 'refuses a billing plan type Apple does not have, before anything is built' {
        { New-AppStoreRetentionResponse -ProductId com.example.basic -BillingPlanType WEEKLY } | Should -Throw -ErrorId 'BillingPlanTypeUnknown,*'
        try { New-AppStoreRetentionResponse -ProductId com.example.basic -BillingPlanType WEEKLY } catch { $_.Exception.Message | Should -Match 'WEEKLY.*BILLED_UPFRONT or MONTHLY' }
    }

    It 'signs a V2 offer whose transactionId is the piped request''s originalTransactionId, for the request''s product' {
        $answer = $request | New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -Key $key
        $answer.Kind | Should -Be 'promotionalOffer'
        $answer.OriginalTransactionId | Should -Be '2000000123456780'
        $token = $answer.PromotionalOfferSignatureV2
        $answer.Json | Should -BeExactly "{`"promotionalOffer`":{`"promotionalOfferSignatureV2`":`"$token`"}}"
        $payload = Assert-Token -Token $token -PublicKeyPem $key.PublicKeyPem -Claims @{
            aud = 'promotional-offer'; transactionId = '2000000123456780'; productId = 'com.example.premium.monthly'; offerIdentifier = 'WINBACK50'; bid = 'com.example.app'; iss = (Get-TestIssuerId) }
        $payload.nonce | Should -Match (Get-UuidV4Pattern)
        (Test-AppStoreJws -Token $token -Key $key).IsValid | Should -BeTrue
    }

    It 'signs for -ProductId and -OriginalTransactionId when they are given, over the request''s' {
        $answer = $request | New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -Key $key -ProductId com.example.premium.yearly -OriginalTransactionId 2000000999999999 -MessageIdentifier 1b8a1d2e-4c5f-4a6b-9c7d-0e1f2a3b4c5d
        $payload = (Get-JwsPart $answer.PromotionalOfferSignatureV2).Payload
        $payload.productId | Should -Be 'com.example.premium.yearly'
        $payload.transactionId | Should -Be '2000000999999999'
        $answer.Json | Should -Match '^\{"promotionalOffer":\{"messageIdentifier":"1b8a1d2e-4c5f-4a6b-9c7d-0e1f2a3b4c5d","promotionalOfferSignatureV2":"'
    }

    It 'answers a request decoded by ConvertFrom-AppStoreSignedData' {
        $chain = New-TestAppleChain
        $realtime = [ordered]@{ originalTransactionId = '2000000123456781'; appAppleId = 1234567890; productId = 'com.example.premium.monthly'; userLocale = 'de-DE'
            requestIdentifier = [guid]::NewGuid().ToString(); signedDate = [DateTimeOffset]::UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(); environment = 'Sandbox' }
        $decoded = ConvertFrom-AppStoreSignedData (New-TestSignedData -Chain $chain -Payload $realtime) -TrustedRoot $chain.Root -Environment Sandbox -BundleId com.example.app
        $answer = $decoded | New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -Key $key
        (Get-JwsPart $answer.PromotionalOfferSignatureV2).Payload.transactionId | Should -Be '2000000123456781'
    }

    It 'makes a request without an originalTransactionId that request''s error, and still answers the next' {
        $requests = @([pscustomobject]@{ productId = 'com.example.premium.monthly' }, $request)
        $answers = $requests | New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -Key $key -ErrorVariable failures -ErrorAction SilentlyContinue
        @($answers).Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OriginalTransactionIdMissing,*'
        $failures[0].TargetObject.productId | Should -Be 'com.example.premium.monthly'
        (Get-JwsPart $answers[0].PromotionalOfferSignatureV2).Payload.transactionId | Should -Be '2000000123456780'
    }

    It 'refuses an original transaction ID that is not digits for that request' {
        [pscustomobject]@{ originalTransactionId = '2E+15'; productId = 'p' } | New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -Key $key -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotDigits,*'
    }

    It 'signs a legacy V1 signature with -LegacySignature, in Apple''s PromotionalOfferSignatureV1 shape' {
        $answer = New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -ProductId com.example.premium.monthly -OriginalTransactionId 2000000123456780 -Key $key -LegacySignature -AppAccountToken 7389A31A-FB6D-4569-A2A6-DB7D85D84813
        $v1 = ($answer.Json | ConvertFrom-Json).promotionalOffer.promotionalOfferSignatureV1
        @($v1.PSObject.Properties.Name) | Should -Be @('encodedSignature', 'productId', 'nonce', 'timestamp', 'keyId', 'offerIdentifier', 'appAccountToken')
        $v1.appAccountToken | Should -BeExactly '7389a31a-fb6d-4569-a2a6-db7d85d84813'
        $v1.keyId | Should -Be '2X9R4HXF34'
        Test-V1Signature -Signature $answer.PromotionalOfferSignatureV1 -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
    }

    It 'refuses -AppAccountToken without -LegacySignature, which alone signs it' {
        { New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -ProductId p -OriginalTransactionId 2000000123456780 -Key $key -AppAccountToken 7389a31a-fb6d-4569-a2a6-db7d85d84813 } |
            Should -Throw -ErrorId 'AppAccountTokenWithoutLegacySignature,*'
    }

    It 'passes Advanced Commerce data on as given, and refuses text that is not the base64 of a JSON object' {
        (New-AppStoreRetentionResponse -AdvancedCommerceData $advancedCommerceData).Json | Should -BeExactly "{`"advancedCommerceInfo`":{`"advancedCommerceData`":`"$advancedCommerceData`"}}"
        { New-AppStoreRetentionResponse -AdvancedCommerceData 'not base64!' } | Should -Throw -ErrorId 'AdvancedCommerceDataInvalid,*'
        { New-AppStoreRetentionResponse -AdvancedCommerceData ([Convert]::ToBase64String([byte[]](1, 2, 3))) } | Should -Throw -ErrorId 'AdvancedCommerceDataInvalid,*'
    }

    It 'stops before the first request when the key cannot sign an offer' {
        $noIssuer = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -BundleId com.example.app
        { $request | New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -Key $noIssuer } | Should -Throw -ErrorId 'IssuerIdMissing,*'
    }
}

Describe 'New-AppStoreRetentionResponse and Apple''s RealtimeResponseBody' {
    It 'writes the same JSON as Apple''s model for the same inputs, with a V2 offer jose verifies and a V1 signature that checks' {
        $message = '1b8a1d2e-4c5f-4a6b-9c7d-0e1f2a3b4c5d'
        $cases = @(
            @{ name = 'message'; inputs = @{ kind = 'message'; messageIdentifier = $message }; ours = (New-AppStoreRetentionResponse -MessageIdentifier $message).Json }
            @{ name = 'alternate product'; inputs = @{ kind = 'alternateProduct'; messageIdentifier = $message; productId = 'com.example.basic.monthly'; billingPlanType = 'BILLED_UPFRONT' }
                ours = (New-AppStoreRetentionResponse -MessageIdentifier $message -ProductId com.example.basic.monthly -BillingPlanType BILLED_UPFRONT).Json }
            @{ name = 'alternate product alone'; inputs = @{ kind = 'alternateProduct'; productId = 'com.example.basic.monthly' }; ours = (New-AppStoreRetentionResponse -ProductId com.example.basic.monthly).Json }
            @{ name = 'V2 offer'; inputs = @{ kind = 'promotionalOfferV2'; messageIdentifier = $message; productId = 'com.example.premium.monthly'; offerIdentifier = 'WINBACK50'; originalTransactionId = '2000000123456780' }
                ours = ($request | New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -Key $key -MessageIdentifier $message).Json }
            @{ name = 'V1 offer'; inputs = @{ kind = 'promotionalOfferV1'; productId = 'com.example.premium.monthly'; offerIdentifier = 'WINBACK50'; keyId = '2X9R4HXF34'; appAccountToken = '7389a31a-fb6d-4569-a2a6-db7d85d84813' }
                ours = ($request | New-AppStoreRetentionResponse -OfferIdentifier WINBACK50 -Key $key -LegacySignature -AppAccountToken 7389a31a-fb6d-4569-a2a6-db7d85d84813).Json }
            @{ name = 'Advanced Commerce'; inputs = @{ kind = 'advancedCommerceInfo'; messageIdentifier = $message; advancedCommerceData = $advancedCommerceData }
                ours = (New-AppStoreRetentionResponse -AdvancedCommerceData $advancedCommerceData -MessageIdentifier $message).Json }
        )
        $input = @{ publicKeyPem = $key.PublicKeyPem; privateKeyPem = $pem; keyId = '2X9R4HXF34'; issuerId = (Get-TestIssuerId); bundleId = 'com.example.app'; cases = $cases }
        $output = $input | ConvertTo-Json -Depth 10 -Compress | node (Join-Path $env:APPSTOREJWS_REPO 'tests/interop/retention-response.mjs')
        $LASTEXITCODE | Should -Be 0
        $results = ($output | ConvertFrom-Json).results
        $results.Count | Should -Be $cases.Count
        foreach ($result in $results) {
            $ours = ($cases | Where-Object name -EQ $result.name).ours
            $ours | Should -BeExactly $result.apple -Because "$($result.name) is Apple's RealtimeResponseBody"
            $result.same | Should -BeTrue
        }
        $v2 = ($results | Where-Object name -EQ 'V2 offer').v2
        $v2.verified | Should -BeTrue
        $v2.claims.transactionId | Should -Be '2000000123456780'
        # The same claims as Apple's PromotionalOfferV2SignatureCreator signs for the same inputs, apart from the per-token nonce and time.
        @($v2.claims.PSObject.Properties.Name | Sort-Object) | Should -Be @($v2.appleClaims.PSObject.Properties.Name | Sort-Object)
        foreach ($claim in 'iss', 'aud', 'bid', 'productId', 'offerIdentifier', 'transactionId') { $v2.claims.$claim | Should -Be $v2.appleClaims.$claim -Because $claim }
        ($results | Where-Object name -EQ 'V1 offer').v1.verified | Should -BeTrue
    }
}

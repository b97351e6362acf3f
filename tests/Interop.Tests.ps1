# Checks our tokens with verifiers we did not write (Node jose, OpenSSL) and compares them with the tokens
# Apple's official Node library (@apple/app-store-server-library 3.1.0) makes for the same inputs.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:folder = New-TestFolder
    $script:request = New-SampleOneTimeCharge
    $script:tokens = @(
        New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1 -TransactionId 2000000123456789
        New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1
        New-IntroEligibilityJws -Key $key -ProductId com.example.sub -AllowIntroductoryOffer $false -TransactionId 2000000123456789
        New-AdvancedCommerceJws -Key $key -Request $request
    )

    # JSON members with their JSON types, as System.Text.Json reads them.
    function Get-JsonShape {
        param([string] $Json)
        $shape = @{}
        foreach ($member in [System.Text.Json.JsonDocument]::Parse($Json).RootElement.EnumerateObject()) {
            $shape[$member.Name] = '{0}:{1}' -f $member.Value.ValueKind, $member.Value.GetRawText()
        }
        $shape
    }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'Our tokens verified by others' {
    It 'jose verifies every token with the public key' {
        $result = Invoke-Interop verify-jws @{ publicKeyPem = $key.PublicKeyPem; tokens = @($tokens.Token) }
        $result.results | Should -HaveCount $tokens.Count
        foreach ($entry in $result.results) {
            $entry.error | Should -BeNullOrEmpty
            $entry.valid | Should -BeTrue
            $entry.header.alg | Should -Be 'ES256'
        }
    }

    It 'jose rejects a token signed by another key' {
        $other = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
        $result = Invoke-Interop verify-jws @{ publicKeyPem = $other.PublicKeyPem; tokens = @($tokens[0].Token) }
        $result.results[0].valid | Should -BeFalse
    }

    It 'OpenSSL verifies every signature over the signing input' {
        $publicKey = Join-Path $folder 'public.pem'
        Set-Content -Path $publicKey -Value $key.PublicKeyPem -NoNewline
        foreach ($jws in $tokens) {
            $parts = Get-JwsPart $jws.Token
            [IO.File]::WriteAllBytes((Join-Path $folder 'input.bin'), $parts.SigningInput)
            [IO.File]::WriteAllBytes((Join-Path $folder 'signature.der'), (ConvertTo-DerSignature $parts.Signature))
            $output = openssl dgst -sha256 -verify $publicKey -signature (Join-Path $folder 'signature.der') (Join-Path $folder 'input.bin') 2>&1
            "$output" | Should -Match 'Verified OK'
            $LASTEXITCODE | Should -Be 0
        }
    }
}

Describe 'Signatures whose r or s starts with a zero byte' {
    It 'keeps both halves 32 bytes and still verifies with OpenSSL and jose' {
        # About one signature in 128 has a leading zero in r or s: the r||s form must keep it (left-padded).
        $padded = $null
        for ($i = 0; $i -lt 5000 -and -not $padded; $i++) {
            $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o
            $signature = (Get-JwsPart $jws.Token).Signature
            if ($signature[0] -eq 0 -or $signature[32] -eq 0) { $padded = $jws }
        }
        $padded | Should -Not -BeNullOrEmpty
        $parts = Get-JwsPart $padded.Token
        $parts.Signature.Length | Should -Be 64
        $publicKey = Join-Path $folder 'public.pem'
        Set-Content -Path $publicKey -Value $key.PublicKeyPem -NoNewline
        [IO.File]::WriteAllBytes((Join-Path $folder 'input.bin'), $parts.SigningInput)
        [IO.File]::WriteAllBytes((Join-Path $folder 'signature.der'), (ConvertTo-DerSignature $parts.Signature))
        "$(openssl dgst -sha256 -verify $publicKey -signature (Join-Path $folder 'signature.der') (Join-Path $folder 'input.bin') 2>&1)" | Should -Match 'Verified OK'
        (Invoke-Interop verify-jws @{ publicKeyPem = $key.PublicKeyPem; tokens = @($padded.Token) }).results[0].valid | Should -BeTrue
    }
}

Describe 'Our tokens compared with Apple''s official library' {
    BeforeAll {
        $script:apple = Invoke-Interop apple-tokens @{
            privateKeyPem    = $pem
            keyId            = $key.KeyId
            issuerId         = $key.IssuerId
            bundleId         = $key.BundleId
            promotionalOffer = @{ productId = 'com.example.sub'; offerIdentifier = 'WINBACK1'; transactionId = '2000000123456789' }
            introEligibility = @{ productId = 'com.example.sub'; allowIntroductoryOffer = $false; transactionId = '2000000123456789' }
            advancedCommerce = $request
        }
        $script:pairs = @(
            @{ Name = 'promotional offer'; Ours = $tokens[0].Token; Apple = $apple.promotionalOffer }
            @{ Name = 'introductory offer eligibility'; Ours = $tokens[2].Token; Apple = $apple.introEligibility }
            @{ Name = 'advanced commerce'; Ours = $tokens[3].Token; Apple = $apple.advancedCommerce }
        )
    }

    It 'Apple''s tokens verify with our key''s public half (same key, same curve)' {
        foreach ($pair in $pairs) { Test-Es256Signature -Token $pair.Apple -PublicKeyPem $key.PublicKeyPem | Should -BeTrue }
    }

    It 'has the same header members, types and values as Apple''s <Name> token' -ForEach @(
        @{ Index = 0; Name = 'promotional offer' }, @{ Index = 1; Name = 'introductory offer eligibility' }, @{ Index = 2; Name = 'advanced commerce' }
    ) {
        $pair = $pairs[$Index]
        $ours = Get-JsonShape (Get-JwsPart $pair.Ours).HeaderJson
        $theirs = Get-JsonShape (Get-JwsPart $pair.Apple).HeaderJson
        ($ours.Keys | Sort-Object) | Should -Be ($theirs.Keys | Sort-Object)
        foreach ($name in $theirs.Keys) { $ours[$name] | Should -BeExactly $theirs[$name] -Because "header member $name" }
    }

    It 'has the same claims, types and values as Apple''s <Name> token (nonce and iat aside)' -ForEach @(
        @{ Index = 0; Name = 'promotional offer' }, @{ Index = 1; Name = 'introductory offer eligibility' }, @{ Index = 2; Name = 'advanced commerce' }
    ) {
        $pair = $pairs[$Index]
        $ours = Get-JsonShape (Get-JwsPart $pair.Ours).PayloadJson
        $theirs = Get-JsonShape (Get-JwsPart $pair.Apple).PayloadJson
        ($ours.Keys | Sort-Object) | Should -Be ($theirs.Keys | Sort-Object)
        foreach ($name in $theirs.Keys) {
            if ($name -in 'nonce', 'iat') {
                ($ours[$name] -split ':')[0] | Should -BeExactly ($theirs[$name] -split ':')[0] -Because "claim $name has the same JSON type"
            }
            elseif ($name -ne 'request') {
                $ours[$name] | Should -BeExactly $theirs[$name] -Because "claim $name"
            }
        }
    }

    It 'has a request claim that decodes to the same request as Apple''s' {
        $ours = (Get-JwsPart $pairs[2].Ours).Payload.request
        $theirs = (Get-JwsPart $pairs[2].Apple).Payload.request
        $ours | Should -Match '^[A-Za-z0-9+/]+={0,2}$'
        $decode = { param($b64) [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b64)) }
        $ourJson = & $decode $ours
        $theirJson = & $decode $theirs
        # Equal as JSON values (member order aside): System.Text.Json's deep comparison.
        [System.Text.Json.Nodes.JsonNode]::DeepEquals([System.Text.Json.Nodes.JsonNode]::Parse($ourJson), [System.Text.Json.Nodes.JsonNode]::Parse($theirJson)) |
            Should -BeTrue -Because "ours: $ourJson`ntheirs: $theirJson"
        $ourJson | Should -Match 'Café <b> & \\"x\\"'
    }
}

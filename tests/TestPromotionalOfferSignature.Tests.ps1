# Test-PromotionalOfferSignature: good signatures (ours and Apple's Node library's) pass; signatures made with
# the usual mistakes, by .NET's ECDsa directly rather than the module, are caught and the mistake is named.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ecdsa = New-TestEcdsa
    $script:pem = $ecdsa.ExportPkcs8PrivateKeyPem()
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -BundleId com.example.app
    $script:cmdlet = Get-CmdletTypeName Test-PromotionalOfferSignature
    $script:now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    $script:inputs = @{
        ProductId       = 'com.example.sub'
        OfferIdentifier = 'WINBACK1'
        AppAccountToken = 'F7E6D5C4-B3A2-4190-8F7E-6D5C4B3A2190'
        Nonce           = 'A1B2C3D4-0000-4000-8000-00000000000F'
        Timestamp       = $now - ($now % 1000)   # whole seconds, so the seconds-for-milliseconds variants are exact
    }

    # Signs a message built here, with .NET's ECDsa, in DER or raw r||s: a signer that can make every mistake.
    function New-V1Signature {
        param([string] $BundleId = 'com.example.app', [string] $KeyId = '2X9R4HXF34', [string] $AppAccountToken = $inputs.AppAccountToken.ToLowerInvariant(),
            [string] $Nonce = $inputs.Nonce.ToLowerInvariant(), [long] $Timestamp = $inputs.Timestamp, [switch] $Raw)
        $message = Get-V1Message -BundleId $BundleId -KeyId $KeyId -ProductId $inputs.ProductId -OfferIdentifier $inputs.OfferIdentifier `
            -AppAccountToken $AppAccountToken -Nonce $Nonce -Timestamp $Timestamp -AsGiven
        $format = if ($Raw) { 'IeeeP1363FixedFieldConcatenation' } else { 'Rfc3279DerSequence' }
        [Convert]::ToBase64String($ecdsa.SignData([Text.Encoding]::UTF8.GetBytes($message), [Security.Cryptography.HashAlgorithmName]::SHA256, $format))
    }
}

Describe 'Test-PromotionalOfferSignature' {
    It 'passes a signature from New-PromotionalOfferSignature piped in' {
        $report = New-PromotionalOfferSignature -Key $key @inputs | Test-PromotionalOfferSignature -Key $key
        $report.IsValid | Should -BeTrue
        $report.LikelyCause | Should -BeNullOrEmpty
        (Get-Check $report Signature).Result | Should -Be 'Pass'
        (Get-Check $report SignatureEncoding).Result | Should -Be 'Pass'
        $report.SignedMessage | Should -BeExactly ("com.example.app<U+2063>2X9R4HXF34<U+2063>com.example.sub<U+2063>WINBACK1<U+2063>f7e6d5c4-b3a2-4190-8f7e-6d5c4b3a2190<U+2063>a1b2c3d4-0000-4000-8000-00000000000f<U+2063>" + $inputs.Timestamp)
    }

    It 'passes a signature from Apple''s official Node library' {
        $apple = (Invoke-Interop apple-v1 @{
                privateKeyPem = $pem; keyId = '2X9R4HXF34'; bundleId = 'com.example.app'
                items = @(@{ productId = $inputs.ProductId; offerIdentifier = $inputs.OfferIdentifier; appAccountToken = $inputs.AppAccountToken; nonce = $inputs.Nonce; timestamp = $inputs.Timestamp })
            }).results[0]
        (Test-PromotionalOfferSignature -Key $key -Signature $apple @inputs).IsValid | Should -BeTrue
    }

    It 'names the mistake when <Mistake>' -ForEach @(
        @{ Mistake = 'the signature is raw r||s'; Sign = { New-V1Signature -Raw }; Given = @{}; Cause = 'raw r‖s' }
        @{ Mistake = 'the nonce was signed as given'; Sign = { New-V1Signature -Nonce $inputs.Nonce }; Given = @{}; Cause = 'nonce was signed without lowercasing' }
        @{ Mistake = 'the app account token was signed in uppercase'; Sign = { New-V1Signature -AppAccountToken $inputs.AppAccountToken.ToUpperInvariant() }; Given = @{ AppAccountToken = 'f7e6d5c4-b3a2-4190-8f7e-6d5c4b3a2190' }; Cause = 'app account token was signed in uppercase' }
        @{ Mistake = 'the timestamp was signed in seconds'; Sign = { New-V1Signature -Timestamp ($inputs.Timestamp / 1000) }; Given = @{}; Cause = 'signed in seconds' }
        @{ Mistake = 'the app account token was left out of the message'; Sign = { New-V1Signature -AppAccountToken '' }; Given = @{}; Cause = 'not part of the signed message' }
        @{ Mistake = 'the row names another key ID than the one signed'; Sign = { New-V1Signature }; Given = @{ KeyId = 'OTHER99999' }; Cause = 'key ID 2X9R4HXF34, not OTHER99999' }
        @{ Mistake = 'the key''s bundle ID was signed for a beta app'; Sign = { New-V1Signature }; Given = @{ BundleId = 'com.example.app.beta' }; Cause = 'bundle ID com.example.app, not com.example.app.beta' }
    ) {
        $parameters = $inputs.Clone()
        foreach ($entry in $Given.GetEnumerator()) { $parameters[$entry.Key] = $entry.Value }
        $report = Test-PromotionalOfferSignature -Key $key -Signature (& $Sign) @parameters
        $report.IsValid | Should -BeFalse
        (Get-Check $report Signature).Result | Should -Be 'Fail'
        $report.LikelyCause | Should -Match $Cause
    }

    It 'says no usual mistake explains a signature from another key' {
        $other = New-TestEcdsa
        $message = Get-V1Message -ProductId $inputs.ProductId -OfferIdentifier $inputs.OfferIdentifier -AppAccountToken $inputs.AppAccountToken -Nonce $inputs.Nonce -Timestamp $inputs.Timestamp
        $signature = [Convert]::ToBase64String($other.SignData([Text.Encoding]::UTF8.GetBytes($message), [Security.Cryptography.HashAlgorithmName]::SHA256, 'Rfc3279DerSequence'))
        $report = Test-PromotionalOfferSignature -Key $key -Signature $signature @inputs
        $report.IsValid | Should -BeFalse
        $report.LikelyCause | Should -Match 'another key'
    }

    It 'fails the encoding check for base64url and for garbage' -ForEach @(
        @{ Signature = { (New-V1Signature).Replace('+', '-').Replace('/', '_').TrimEnd('=') + '-_' }; Says = 'base64url' }
        @{ Signature = { [Convert]::ToBase64String([byte[]](1..40)) }; Says = 'neither ASN.1 DER' }
    ) {
        $report = Test-PromotionalOfferSignature -Key $key -Signature (& $Signature) @inputs
        (Get-Check $report SignatureEncoding).Result | Should -Be 'Fail'
        (Get-Check $report SignatureEncoding).Message | Should -Match $Says
        $report.IsValid | Should -BeFalse
    }

    It 'fails a timestamp in seconds' {
        $seconds = Test-PromotionalOfferSignature -Key $key -Signature (New-V1Signature) @inputs -Timestamp 1767323045 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable bindingErrors
        if ($seconds) { (Get-Check $seconds Timestamp).Result | Should -Be 'Fail' } else { $bindingErrors | Should -Not -BeNullOrEmpty }
    }

    # Apple refuses a signature outside its 24-hour validity, so the report cannot call it valid, even when the
    # signature itself verifies over exactly these values.
    It 'fails a timestamp <Name>, and the report is invalid' -ForEach @(
        @{ Name = 'older than 24 hours'; Offset = -(24 * 3600 * 1000 + 60000); Says = 'old; Apple accepts the signature for 24 hours' }
        @{ Name = 'ten minutes in the future'; Offset = 10 * 60 * 1000; Says = 'in the future' }
    ) {
        $at = $inputs.Timestamp + $Offset
        $report = Test-PromotionalOfferSignature -Key $key -Signature (New-V1Signature -Timestamp $at) @inputs -Timestamp $at
        (Get-Check $report Signature).Result | Should -Be 'Pass'
        (Get-Check $report Timestamp).Result | Should -Be 'Fail'
        (Get-Check $report Timestamp).Message | Should -Match $Says
        $report.IsValid | Should -BeFalse
    }

    It 'reports a timestamp of <Name> as a failed Timestamp check, not an exception' -ForEach @(
        @{ Name = 'microseconds'; Value = { $inputs.Timestamp * 1000 }; Says = 'microseconds' }
        @{ Name = '[long]::MaxValue'; Value = { [long]::MaxValue }; Says = 'beyond any date' }
        @{ Name = '[long]::MinValue'; Value = { [long]::MinValue }; Says = 'old' }
    ) {
        $report = Test-PromotionalOfferSignature -Key $key -Signature (New-V1Signature) @inputs -Timestamp (& $Value) -ErrorAction Stop
        (Get-Check $report Timestamp).Result | Should -Be 'Fail'
        (Get-Check $report Timestamp).Message | Should -Match $Says
        $report.IsValid | Should -BeFalse
    }

    It 'verifies with -PublicKey and -KeyId, and with -Path' {
        $signature = New-V1Signature
        (Test-PromotionalOfferSignature -PublicKey $key.PublicKeyPem -KeyId 2X9R4HXF34 -BundleId com.example.app -Signature $signature @inputs).IsValid | Should -BeTrue
        $folder = New-TestFolder
        try {
            $path = New-TestKeyFile -Folder $folder -KeyId 2X9R4HXF34 -Pem $pem
            (Test-PromotionalOfferSignature -Path $path -BundleId com.example.app -Signature $signature @inputs).IsValid | Should -BeTrue
        }
        finally { Remove-TestFolder $folder }
    }

    It 'reports SignedValueMissing for a row when the bundle ID is unknown' {
        $null = Test-PromotionalOfferSignature -PublicKey $key.PublicKeyPem -KeyId 2X9R4HXF34 -Signature (New-V1Signature) @inputs -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be "SignedValueMissing,$cmdlet"
    }

    It 'returns only a boolean with -Quiet' {
        New-PromotionalOfferSignature -Key $key @inputs | Test-PromotionalOfferSignature -Key $key -Quiet | Should -BeExactly $true
        Test-PromotionalOfferSignature -Key $key -Signature (New-V1Signature -Raw) @inputs -Quiet | Should -BeExactly $false
    }
}

# New-PromotionalOfferSignature: the legacy (v1) promotional offer signature, described in docs/WireFormat.md. Signatures are
# checked as DER over a message these tests build themselves, with verifiers the module did not write
# (node:crypto, OpenSSL), and against Apple's official Node library for the same inputs.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    # No issuer ID: the legacy signature does not need one.
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -BundleId com.example.app
    $script:folder = New-TestFolder
    $script:separator = [string][char]0x2063
    $script:cmdlet = Get-CmdletTypeName New-PromotionalOfferSignature
    # The tests sign fixed vectors with timestamps long past, which the cmdlet rightly warns about on every call; the
    # warning is expected here, not printed. Tests about warnings name -WarningVariable, which still collects them.
    $script:PSDefaultParameterValues = $PSDefaultParameterValues.Clone()
    $script:PSDefaultParameterValues['New-PromotionalOfferSignature:WarningAction'] = 'SilentlyContinue'

    function Test-DerSignature {
        param([object[]] $Items, [string] $PublicKeyPem = $key.PublicKeyPem)
        (Invoke-Interop verify-der @{ publicKeyPem = $PublicKeyPem; items = @($Items) }).results
    }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'New-PromotionalOfferSignature' {
    It 'signs the seven fields joined by U+2063 and returns Apple''s PromotionalOfferSignatureV1 fields' {
        $signature = New-PromotionalOfferSignature -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1 `
            -AppAccountToken 'F7E6D5C4-B3A2-4190-8F7E-6D5C4B3A2190' -Nonce 'A1B2C3D4-0000-4000-8000-00000000000F' -Timestamp 1767323045678
        $message = Get-V1Message -ProductId com.example.sub -OfferIdentifier WINBACK1 -AppAccountToken 'F7E6D5C4-B3A2-4190-8F7E-6D5C4B3A2190' `
            -Nonce 'A1B2C3D4-0000-4000-8000-00000000000F' -Timestamp 1767323045678
        $message | Should -BeExactly "com.example.app${separator}2X9R4HXF34${separator}com.example.sub${separator}WINBACK1${separator}f7e6d5c4-b3a2-4190-8f7e-6d5c4b3a2190${separator}a1b2c3d4-0000-4000-8000-00000000000f${separator}1767323045678"
        [Text.Encoding]::UTF8.GetBytes($separator) | Should -Be @(0xE2, 0x81, 0xA3)

        Test-DerSignature @(@{ message = $message; signatureBase64 = $signature.EncodedSignature }) | Should -Be @($true)

        foreach ($name in 'encodedSignature', 'productId', 'nonce', 'timestamp', 'keyId', 'offerIdentifier', 'appAccountToken', 'bundleId', 'signedMessage') {
            $signature.PSObject.Properties.Name | Should -Contain $name
        }
        $signature.productId | Should -BeExactly 'com.example.sub'
        $signature.offerIdentifier | Should -BeExactly 'WINBACK1'
        $signature.keyId | Should -BeExactly '2X9R4HXF34'
        $signature.nonce | Should -BeExactly 'a1b2c3d4-0000-4000-8000-00000000000f'
        $signature.appAccountToken | Should -BeExactly 'f7e6d5c4-b3a2-4190-8f7e-6d5c4b3a2190'
        $signature.timestamp | Should -BeOfType [long]
        $signature.timestamp | Should -Be 1767323045678
        $signature.BundleId | Should -BeExactly 'com.example.app'
        $signature.SignedMessage | Should -BeExactly $message.Replace($separator, '<U+2063>')
        $signature.ToString() | Should -BeExactly $signature.EncodedSignature
    }

    It 'encodes the signature as standard base64 of ASN.1 DER, not the 64-byte r||s of a JWS' {
        $signatures = 1..50 | ForEach-Object { New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o }
        foreach ($signature in $signatures) {
            $signature.EncodedSignature | Should -Match '^[A-Za-z0-9+/]+={0,2}$'
            $der = [Convert]::FromBase64String($signature.EncodedSignature)
            $der.Length | Should -BeLessOrEqual 72
            $der.Length | Should -BeGreaterThan 64 -Because 'two 32-byte integers with their DER headers'
            $der[0] | Should -Be 0x30 -Because 'a SEQUENCE'
            $reader = [System.Formats.Asn1.AsnReader]::new($der, [System.Formats.Asn1.AsnEncodingRules]::DER)
            $sequence = $reader.ReadSequence()
            $reader.HasData | Should -BeFalse
            $null = $sequence.ReadIntegerBytes()
            $null = $sequence.ReadIntegerBytes()
            $sequence.HasData | Should -BeFalse
        }
    }

    It 'writes ToJson() with Apple''s member names and JSON types, leaving out an absent appAccountToken' {
        $with = New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o -AppAccountToken 'F7E6D5C4-B3A2-4190-8F7E-6D5C4B3A2190' -Timestamp 1767323045678
        $members = [ordered]@{}
        foreach ($member in [System.Text.Json.JsonDocument]::Parse($with.ToJson()).RootElement.EnumerateObject()) { $members[$member.Name] = $member.Value }
        @($members.Keys) | Should -BeExactly @('encodedSignature', 'productId', 'nonce', 'timestamp', 'keyId', 'offerIdentifier', 'appAccountToken')
        $members.timestamp.ValueKind | Should -Be 'Number'
        $members.timestamp.GetInt64() | Should -Be 1767323045678
        $members.encodedSignature.GetString() | Should -BeExactly $with.EncodedSignature
        $members.appAccountToken.GetString() | Should -BeExactly 'f7e6d5c4-b3a2-4190-8f7e-6d5c4b3a2190'

        $without = New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o
        ($without.ToJson() | ConvertFrom-Json -AsHashtable).Keys | Should -Not -Contain 'appAccountToken'
        $without.AppAccountToken | Should -BeNullOrEmpty
    }

    It 'signs an empty app account token field when there is none (<Name>)' -ForEach @(
        @{ Name = 'not given'; Parameters = @{} }
        @{ Name = 'empty'; Parameters = @{ AppAccountToken = '' } }
        @{ Name = 'null'; Parameters = @{ AppAccountToken = $null } }
    ) {
        $signature = New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o -Nonce 'a1b2c3d4-0000-4000-8000-00000000000f' -Timestamp 1767323045678 @Parameters
        $message = Get-V1Message -ProductId p -OfferIdentifier o -Nonce 'a1b2c3d4-0000-4000-8000-00000000000f' -Timestamp 1767323045678
        $message | Should -Match "o${separator}${separator}a1b2c3d4"
        Test-DerSignature @(@{ message = $message; signatureBase64 = $signature.EncodedSignature }) | Should -Be @($true)
    }

    It 'uses Unix milliseconds for the default timestamp and a fresh lowercase UUID v4 nonce per signature' {
        $before = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $signatures = 1..200 | ForEach-Object { [pscustomobject]@{ ProductId = "p$_"; OfferIdentifier = 'o' } } | New-PromotionalOfferSignature -Key $key
        $after = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        foreach ($signature in $signatures) {
            $signature.Timestamp | Should -BeGreaterOrEqual $before
            $signature.Timestamp | Should -BeLessOrEqual $after
            $signature.Nonce | Should -MatchExactly (Get-UuidV4Pattern)
        }
        ($signatures.Nonce | Sort-Object -Unique) | Should -HaveCount 200
        $items = $signatures | ForEach-Object {
            @{ message = (Get-V1Message -ProductId $_.ProductId -OfferIdentifier o -Nonce $_.Nonce -Timestamp $_.Timestamp); signatureBase64 = $_.EncodedSignature }
        }
        Test-DerSignature $items | Should -Not -Contain $false
    }

    It 'takes -Timestamp as a <Name>' -ForEach @(
        @{ Name = 'DateTimeOffset'; Value = [DateTimeOffset]::new(2026, 1, 2, 3, 4, 5, 678, [TimeSpan]::Zero) }
        @{ Name = 'UTC DateTime'; Value = [DateTime]::new(2026, 1, 2, 3, 4, 5, 678, [DateTimeKind]::Utc) }
        @{ Name = 'number of milliseconds'; Value = 1767323045678 }
        @{ Name = 'numeric text (a CSV cell)'; Value = '1767323045678' }
    ) {
        (New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o -Timestamp $Value).Timestamp | Should -Be 1767323045678
    }

    It 'refuses a timestamp in seconds, saying so, for that row only' {
        $rows = @(
            [pscustomobject]@{ ProductId = 'first'; OfferIdentifier = 'o' }
            [pscustomobject]@{ ProductId = 'bad'; OfferIdentifier = 'o'; Timestamp = 1767323045 }
            [pscustomobject]@{ ProductId = 'last'; OfferIdentifier = 'o'; Timestamp = 1767323045678 }
        )
        $out = $rows | New-PromotionalOfferSignature -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable closing
        "$closing" | Should -Match 'Signed 2, refused 1:'
        $out.ProductId | Should -Be @('first', 'last')
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be "TimestampInSeconds,$cmdlet"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject | Should -Be $rows[1]
        $errors[0].ErrorDetails.Message | Should -Match "^Row 2 \(productId 'bad', offerIdentifier 'o'\): "
        $errors[0].Exception.Message | Should -Match 'seconds'
        $errors[0].Exception.Message | Should -Match 'milliseconds'
        $errors[0].Exception.Message | Should -Match '1767323045000'
    }

    It 'refuses <Name> with <Id>' -ForEach @(
        @{ Name = 'a timestamp just below 10^11'; Row = @{ Timestamp = 99999999999 }; Id = 'TimestampInSeconds' }
        @{ Name = 'a zero timestamp'; Row = @{ Timestamp = 0 }; Id = 'InvalidTimestamp' }
        @{ Name = 'a negative timestamp'; Row = @{ Timestamp = -1767323045678 }; Id = 'InvalidTimestamp' }
        @{ Name = 'a timestamp in microseconds'; Row = @{ Timestamp = 1767323045678000 }; Id = 'InvalidTimestamp' }
        @{ Name = 'an empty productId'; Row = @{ ProductId = '' }; Id = 'ProductIdMissing' }
        @{ Name = 'a blank offerIdentifier'; Row = @{ OfferIdentifier = '  ' }; Id = 'OfferIdentifierMissing' }
        @{ Name = 'a padded productId'; Row = @{ ProductId = 'p ' }; Id = 'ProductIdHasWhitespace' }
        @{ Name = 'a nonce that is not a UUID'; Row = @{ Nonce = 'not-a-uuid' }; Id = 'InvalidNonce' }
        @{ Name = 'a U+2063 inside a field'; Row = @{ AppAccountToken = "a$([char]0x2063)b" }; Id = 'SeparatorInField' }
        @{ Name = 'a lone surrogate in productId'; Row = @{ ProductId = "p$([char]0xD800)" }; Id = 'UnpairedSurrogate' }
    ) {
        $bad = @{ ProductId = 'p'; OfferIdentifier = 'o' }
        foreach ($entry in $Row.GetEnumerator()) { $bad[$entry.Key] = $entry.Value }
        $rows = @([pscustomobject]@{ ProductId = 'first'; OfferIdentifier = 'o' }, [pscustomobject]$bad, [pscustomobject]@{ ProductId = 'last'; OfferIdentifier = 'o' })
        $out = $rows | New-PromotionalOfferSignature -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out.ProductId | Should -Be @('first', 'last')
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
    }

    It 'warns, but signs, when the app account token is not a UUID' {
        $signature = New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o -AppAccountToken 'User-42' -Nonce 'a1b2c3d4-0000-4000-8000-00000000000f' -Timestamp 1767323045678 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings = @($warnings | Where-Object { "$_" -notmatch '24 hours' })
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -Match 'not a UUID'
        $signature.AppAccountToken | Should -BeExactly 'user-42'
        $message = Get-V1Message -ProductId p -OfferIdentifier o -AppAccountToken 'User-42' -Nonce 'a1b2c3d4-0000-4000-8000-00000000000f' -Timestamp 1767323045678
        Test-DerSignature @(@{ message = $message; signatureBase64 = $signature.EncodedSignature }) | Should -Be @($true)
    }

    It 'does not warn for a UUID app account token, in any case' {
        $null = New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o -AppAccountToken 'F7E6D5C4-B3A2-4190-8F7E-6D5C4B3A2190' -WarningVariable warnings
        $warnings | Should -HaveCount 0
    }

    It 'takes the key ID from the key and the bundle ID from -BundleId over the key''s' {
        $signature = New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o -BundleId com.example.other -Nonce 'a1b2c3d4-0000-4000-8000-00000000000f' -Timestamp 1767323045678
        $signature.BundleId | Should -BeExactly 'com.example.other'
        $signature.KeyId | Should -BeExactly $key.KeyId
        $message = Get-V1Message -BundleId com.example.other -ProductId p -OfferIdentifier o -Nonce 'a1b2c3d4-0000-4000-8000-00000000000f' -Timestamp 1767323045678
        Test-DerSignature @(@{ message = $message; signatureBase64 = $signature.EncodedSignature }) | Should -Be @($true)
    }

    It 'stops with BundleIdMissing when neither the key nor -BundleId has one' {
        $bare = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34
        { 1..3 | ForEach-Object { [pscustomobject]@{ ProductId = "p$_"; OfferIdentifier = 'o' } } | New-PromotionalOfferSignature -Key $bare } |
            Should -Throw -ErrorId "BundleIdMissing,$cmdlet"
    }

    It 'binds every input from the pipeline by property name, CSV round trip included' {
        $csv = Join-Path $folder 'offers.csv'
        @(
            [pscustomobject]@{ ProductId = 'com.example.a'; OfferIdentifier = 'A1'; AppAccountToken = 'F7E6D5C4-B3A2-4190-8F7E-6D5C4B3A2190'; BundleId = 'com.example.one'; Nonce = 'A1B2C3D4-0000-4000-8000-000000000001'; Timestamp = '1767323045001' }
            [pscustomobject]@{ ProductId = 'com.example.b'; OfferIdentifier = 'B2'; AppAccountToken = ''; BundleId = ''; Nonce = ''; Timestamp = '' }
        ) | Export-Csv $csv
        $signed = Import-Csv $csv | New-PromotionalOfferSignature -Key $key
        $signed | Export-Csv (Join-Path $folder 'signed.csv')
        $back = Import-Csv (Join-Path $folder 'signed.csv')
        $back | Should -HaveCount 2
        $back[0].EncodedSignature | Should -BeExactly $signed[0].EncodedSignature

        $signed[0].BundleId | Should -BeExactly 'com.example.one'
        $signed[0].Nonce | Should -BeExactly 'a1b2c3d4-0000-4000-8000-000000000001'
        $signed[0].Timestamp | Should -Be 1767323045001
        $signed[1].BundleId | Should -BeExactly 'com.example.app' -Because 'a blank cell falls back to the key''s bundle ID'
        $signed[1].Nonce | Should -MatchExactly (Get-UuidV4Pattern) -Because 'a blank cell gets a fresh nonce'
        $signed[1].Timestamp | Should -BeGreaterThan 100000000000 -Because 'a blank cell means now'
        $items = @(
            @{ message = (Get-V1Message -BundleId com.example.one -ProductId com.example.a -OfferIdentifier A1 -AppAccountToken 'F7E6D5C4-B3A2-4190-8F7E-6D5C4B3A2190' -Nonce 'A1B2C3D4-0000-4000-8000-000000000001' -Timestamp 1767323045001); signatureBase64 = $signed[0].EncodedSignature }
            @{ message = (Get-V1Message -ProductId com.example.b -OfferIdentifier B2 -Nonce $signed[1].Nonce -Timestamp $signed[1].Timestamp); signatureBase64 = $signed[1].EncodedSignature }
        )
        Test-DerSignature $items | Should -Be @($true, $true)
    }

    It 'shows the signed message, separators visible, with -Verbose, and no key material' {
        $records = New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o -Nonce 'a1b2c3d4-0000-4000-8000-00000000000f' -Timestamp 1767323045678 -Verbose 4>&1
        $signature = $records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $verbose | Should -HaveCount 1
        $verbose[0] | Should -BeLike "*com.example.app<U+2063>2X9R4HXF34<U+2063>p<U+2063>o<U+2063><U+2063>a1b2c3d4-0000-4000-8000-00000000000f<U+2063>1767323045678"
        $verbose[0] | Should -Match ([regex]::Escape($signature.SignedMessage))
        $body = ($pem -split "`n" | Where-Object { $_ -notmatch '-----' }) -join ''
        $verbose[0] | Should -Not -Match ([regex]::Escape($body.Substring(20, 30)))
    }

    It 'shows a readable table by default' {
        $text = New-PromotionalOfferSignature -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1 | Out-String -Width 250
        $text | Should -Match 'ProductId\s+OfferIdentifier\s+Nonce\s+Timestamp\s+EncodedSignature'
        $text | Should -Match 'com.example.sub\s+WINBACK1'
    }
}

Describe 'Legacy signatures verified by others and compared with Apple''s library' {
    BeforeAll {
        $script:inputs = @(
            @{ productId = 'com.example.sub'; offerIdentifier = 'WINBACK1'; appAccountToken = 'F7E6D5C4-B3A2-4190-8F7E-6D5C4B3A2190'; nonce = 'A1B2C3D4-0000-4000-8000-00000000000F'; timestamp = 1767323045678 }
            @{ productId = 'com.example.sub'; offerIdentifier = 'WINBACK1'; appAccountToken = ''; nonce = 'b1b2c3d4-0000-4000-8000-000000000001'; timestamp = 1767323045679 }
            @{ productId = 'com.example.premium'; offerIdentifier = 'RETAIN_50'; appAccountToken = 'Customer-ÄÖ-42'; nonce = 'c1b2c3d4-0000-4000-8000-000000000002'; timestamp = 1800000000000 }
        )
        $script:ours = $inputs | ForEach-Object {
            New-PromotionalOfferSignature -Key $key -ProductId $_.productId -OfferIdentifier $_.offerIdentifier -AppAccountToken $_.appAccountToken -Nonce $_.nonce -Timestamp $_.timestamp -WarningAction SilentlyContinue
        }
        $script:apple = (Invoke-Interop apple-v1 @{ privateKeyPem = $pem; keyId = $key.KeyId; bundleId = $key.BundleId; items = $inputs }).results
        $script:messages = $inputs | ForEach-Object { Get-V1Message -ProductId $_.productId -OfferIdentifier $_.offerIdentifier -AppAccountToken $_.appAccountToken -Nonce $_.nonce -Timestamp $_.timestamp }
    }

    It 'node:crypto verifies ours and Apple''s signatures over the same message (input <_>)' -ForEach 0, 1, 2 {
        $index = $_
        $results = Test-DerSignature @(
            @{ message = $messages[$index]; signatureBase64 = $ours[$index].EncodedSignature }
            @{ message = $messages[$index]; signatureBase64 = $apple[$index] }
        )
        $results | Should -Be @($true, $true)
        $ours[$index].SignedMessage.Replace('<U+2063>', $separator) | Should -BeExactly $messages[$index]
    }

    It 'Apple''s signature is DER too: same form, same encoding' {
        foreach ($signature in $apple) {
            $signature | Should -Match '^[A-Za-z0-9+/]+={0,2}$'
            ([Convert]::FromBase64String($signature))[0] | Should -Be 0x30
        }
    }

    It 'node:crypto rejects a signature over a different message, and one from another key' {
        $changed = $messages[0].Replace('1767323045678', '1767323045679')
        $other = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34
        Test-DerSignature @(@{ message = $changed; signatureBase64 = $ours[0].EncodedSignature }) | Should -Be @($false)
        Test-DerSignature @(@{ message = $messages[0]; signatureBase64 = $ours[0].EncodedSignature }) -PublicKeyPem $other.PublicKeyPem | Should -Be @($false)
    }

    It 'OpenSSL verifies the DER signature over the exact message bytes' {
        $publicKey = Join-Path $folder 'public.pem'
        Set-Content -Path $publicKey -Value $key.PublicKeyPem -NoNewline
        for ($index = 0; $index -lt $ours.Count; $index++) {
            [IO.File]::WriteAllBytes((Join-Path $folder 'message.bin'), [Text.Encoding]::UTF8.GetBytes($messages[$index]))
            [IO.File]::WriteAllBytes((Join-Path $folder 'signature.der'), [Convert]::FromBase64String($ours[$index].EncodedSignature))
            $output = openssl dgst -sha256 -verify $publicKey -signature (Join-Path $folder 'signature.der') (Join-Path $folder 'message.bin') 2>&1
            "$output" | Should -Match 'Verified OK'
            $LASTEXITCODE | Should -Be 0
        }
    }
}

# Input as ops scripts really produce it: CSV rows with their own spellings and empty cells, values as text,
# key files as people keep them. Every rule is checked with the forms that broke it and variants.
Describe 'Column spellings people use bind' {
    BeforeAll {
        $pem = New-TestKeyPem
        $key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    }

    It 'snake_case columns bind for New-PromotionalOfferSignature' {
        $row = [pscustomobject]@{ product_id = 'p'; offer_id = 'o'; app_account_token = '7E3FB20B-4CDB-47CC-936D-99D65F608138' }
        $signed = $row | New-PromotionalOfferSignature -Key $key -PassThru
        $signed.app_account_token | Should -Be '7E3FB20B-4CDB-47CC-936D-99D65F608138'
        $plain = [pscustomobject]@{ ProductId = 'p'; OfferIdentifier = 'o'; Nonce = $signed.Nonce; Timestamp = $signed.Timestamp; EncodedSignature = $signed.EncodedSignature }
        Test-V1Signature ([pscustomobject]@{ BundleId = 'com.example.app'; KeyId = 'ABCDE12345'; AppAccountToken = '7e3fb20b-4cdb-47cc-936d-99d65f608138' }) $plain -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
    }
}

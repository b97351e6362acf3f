# ConvertFrom-AppStoreSignedData and Test-AppStoreSignedData: what Apple signs, verified as Apple's libraries do; the
# verifier is the same for both, so most tests ask both. Decoding alone is in ConvertFromAppStoreSignedData.Tests.ps1.
# Chains come from a test PKI made at run time (tests/TestPki.psm1) and from Apple's own test vectors read from
# ../shared/apple-test-vectors; every verdict is also asked of Apple's Node library (SignedDataVerifier), which must
# agree, and OCSP runs against OpenSSL's responder on 127.0.0.1.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:noAppleData = -not (Get-AppleTestData)
    # Each case: the data is a signed transaction made by BeforeAll; Id is our error id ($null: verifies), Check the
    # report's failing check, Apple the VerificationStatus Apple's Node library gives. Its chain-length failures come
    # out as INVALID_CERTIFICATE (it throws INVALID_CHAIN_LENGTH inside the try block that wraps every error of
    # reading x5c as INVALID_CERTIFICATE); Apple's Java and Python libraries say INVALID_CHAIN_LENGTH, as we do.
    $script:cases = @(
        @{ Name = 'a good chain'; Id = $null; Check = $null; Apple = 'OK' }
        @{ Name = 'a leaf without the Apple OID'; Id = 'InvalidChain'; Check = 'LeafOid'; Apple = 'VERIFICATION_FAILURE' }
        @{ Name = 'an intermediate without the Apple OID'; Id = 'InvalidChain'; Check = 'IntermediateOid'; Apple = 'VERIFICATION_FAILURE' }
        @{ Name = 'an intermediate that is no CA'; Id = 'InvalidChain'; Check = 'Chain'; Apple = 'VERIFICATION_FAILURE' }
        @{ Name = 'a leaf expired at signedDate'; Id = 'InvalidChain'; Check = 'Validity'; Apple = 'INVALID_CERTIFICATE' }
        @{ Name = 'a leaf not yet valid at signedDate'; Id = 'InvalidChain'; Check = 'Validity'; Apple = 'INVALID_CERTIFICATE' }
        @{ Name = 'a chain to an untrusted root carried in x5c'; Id = 'InvalidChain'; Check = 'Chain'; Apple = 'VERIFICATION_FAILURE' }
        @{ Name = 'the trusted root swapped in x5c for an untrusted intermediate'; Id = 'InvalidChain'; Check = 'Chain'; Apple = 'VERIFICATION_FAILURE' }
        @{ Name = 'two certificates'; Id = 'InvalidChainLength'; Check = 'ChainLength'; Apple = 'INVALID_CERTIFICATE' }
        @{ Name = 'four certificates'; Id = 'InvalidChainLength'; Check = 'ChainLength'; Apple = 'INVALID_CERTIFICATE' }
        @{ Name = 'no x5c'; Id = 'InvalidChainLength'; Check = 'ChainLength'; Apple = 'INVALID_CERTIFICATE' }
        @{ Name = 'a leaf that is not DER'; Id = 'InvalidCertificate'; Check = 'Chain'; Apple = 'INVALID_CERTIFICATE' }
        @{ Name = 'a tampered payload'; Id = 'InvalidSignature'; Check = 'Signature'; Apple = 'VERIFICATION_FAILURE' }
        @{ Name = 'a signature by another key'; Id = 'InvalidSignature'; Check = 'Signature'; Apple = 'VERIFICATION_FAILURE' }
        @{ Name = 'a DER signature'; Id = 'InvalidSignature'; Check = 'Signature'; Apple = 'VERIFICATION_FAILURE' }
        @{ Name = 'alg ES384'; Id = 'InvalidSignature'; Check = 'Algorithm'; Apple = 'VERIFICATION_FAILURE' }
        @{ Name = 'another bundle ID'; Id = 'InvalidAppIdentifier'; Check = 'BundleId'; Apple = 'INVALID_APP_IDENTIFIER' }
        @{ Name = 'another environment'; Id = 'InvalidEnvironment'; Check = 'Environment'; Apple = 'INVALID_ENVIRONMENT' }
        @{ Name = 'Xcode data'; Id = 'InvalidChainLength'; Check = 'ChainLength'; Apple = 'INVALID_CERTIFICATE' }
    )
}

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    $script:appleData = Get-AppleTestData
    $script:vectors = if ($appleData) { Join-Path $appleData 'apple-test-vectors' }
    $script:folder = New-TestFolder
    $script:chain = New-TestAppleChain
    $script:root = $chain.Root
    $script:rootPath = Join-Path $folder 'test-root.cer'
    [IO.File]::WriteAllBytes($rootPath, $chain.RootCer)
    $script:convertId = Get-CmdletTypeName ConvertFrom-AppStoreSignedData

    $past = [DateTimeOffset]::UtcNow
    $other = New-TestAppleChain -Name 'Other'
    $good = New-TestTransaction -Chain $chain
    $parts = $good.Split('.')
    $tamperedPayload = ConvertTo-Base64Url ((New-TestTransactionPayload -Change @{ price = 1 }) | ConvertTo-Json -Compress)
    $derSignature = ConvertTo-DerSignature (ConvertFrom-Base64Url $parts[2])
    $xcode = if ($vectors) { Get-Content -LiteralPath (Join-Path $vectors 'xcode/xcode-signed-transaction') -Raw }
    $script:caseData = @{
        'a good chain'                                                  = $good
        'a leaf without the Apple OID'                                  = New-TestTransaction -Chain (New-TestAppleChain -Omit LeafOid -Root $root)
        'an intermediate without the Apple OID'                         = New-TestTransaction -Chain (New-TestAppleChain -Omit IntermediateOid -Root $root)
        'an intermediate that is no CA'                                 = New-TestTransaction -Chain (New-TestAppleChain -IntermediateNotCa -Root $root)
        'a leaf expired at signedDate'                                  = New-TestTransaction -Chain (New-TestAppleChain -Root $root -LeafNotBefore $past.AddDays(-100) -LeafNotAfter $past.AddDays(-10))
        'a leaf not yet valid at signedDate'                            = New-TestTransaction -Chain (New-TestAppleChain -Root $root -LeafNotBefore $past.AddDays(10) -LeafNotAfter $past.AddDays(100))
        'a chain to an untrusted root carried in x5c'                   = New-TestTransaction -Chain $other
        'the trusted root swapped in x5c for an untrusted intermediate' = New-TestTransaction -Chain $other -X5c @($other.X5c[0], $other.X5c[1], $chain.X5c[2])
        'two certificates'                                              = New-TestTransaction -Chain $chain -X5c $chain.X5c[0..1]
        'four certificates'                                             = New-TestTransaction -Chain $chain -X5c ($chain.X5c + $chain.X5c[2])
        'no x5c'                                                        = New-TestSignedData -Chain $chain -Payload (New-TestTransactionPayload) -Header '{"alg":"ES256"}'
        'a leaf that is not DER'                                        = New-TestTransaction -Chain $chain -X5c @('AAAA', $chain.X5c[1], $chain.X5c[2])
        'a tampered payload'                                            = $parts[0] + '.' + $tamperedPayload + '.' + $parts[2]
        'a signature by another key'                                    = New-TestSignedData -Chain $chain -Payload (New-TestTransactionPayload) -Key (New-TestEcdsa)
        'a DER signature'                                               = $parts[0] + '.' + $parts[1] + '.' + (ConvertTo-Base64Url $derSignature)
        'alg ES384'                                                     = New-TestSignedData -Chain $chain -Payload (New-TestTransactionPayload) -Header ([ordered]@{ alg = 'ES384'; x5c = $chain.X5c })
        'another bundle ID'                                             = New-TestTransaction -Chain $chain -Change @{ bundleId = 'com.example.other' }
        'another environment'                                           = New-TestTransaction -Chain $chain -Change @{ environment = 'Production' }
        'Xcode data'                                                    = $xcode
    }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'Apple Root CA - G3' -Skip:$noAppleData {
    It 'is built in: renewal info the App Store sandbox signed in 2023 verifies offline at its signedDate' {
        $jws = Get-Content -LiteralPath (Join-Path $vectors 'real/renewal-info-sandbox-2023.jws') -Raw
        $info = ConvertFrom-AppStoreSignedData $jws -Environment Sandbox
        $info.pstypenames[0] | Should -Be 'AppStoreJws.SignedData.RenewalInfo'
        $info.originalTransactionId | Should -Be '2000000335310644'
        $info.signedDate | Should -BeOfType [DateTimeOffset]
        $info.signedDate.ToUnixTimeMilliseconds() | Should -Be 1684822778492
        $report = Test-AppStoreSignedData $jws -Environment Sandbox
        $report.IsValid | Should -BeTrue
        (Get-Check $report Chain).Message | Should -Match 'Apple Root CA - G3.*63343ABFB89A6A03EBB57E9B3F5FA7BE7C4F5C756F3017B3A8C488C3653E9179'
    }

    It "verifies for Apple's Node library too, with the same root" {
        # Trimmed: Apple's library refuses the file's final newline (ours ignores surrounding whitespace).
        $jws = (Get-Content -LiteralPath (Join-Path $vectors 'real/renewal-info-sandbox-2023.jws') -Raw).Trim()
        $g3 = [Convert]::ToBase64String([IO.File]::ReadAllBytes((Join-Path $appleData 'reference/AppleRootCA-G3.cer')))
        $result = (Invoke-Interop -Command apple-verify -Request @{ rootsBase64 = @($g3); environment = 'Sandbox'; bundleId = 'unused.for.renewal.info'; items = @(@{ method = 'RenewalInfo'; data = $jws }) }).results[0]
        $result.status | Should -Be 'OK'
        $ours = ConvertFrom-AppStoreSignedData $jws -Environment Sandbox
        foreach ($name in $result.payload.Keys) {
            $value = $ours.$name
            if ($value -is [DateTimeOffset]) { $value = $value.ToUnixTimeMilliseconds() }
            "$name=$value" | Should -Be "$name=$($result.payload[$name])"
        }
    }

    It 'fails the same data at an effective date after its leaf expired' {
        $jws = Get-Content -LiteralPath (Join-Path $vectors 'real/renewal-info-sandbox-2023.jws') -Raw
        { ConvertFrom-AppStoreSignedData $jws -EffectiveDate ([DateTimeOffset]::UtcNow) -ErrorAction Stop } | Should -Throw -ErrorId "InvalidChain,$convertId"
        (Get-Check (Test-AppStoreSignedData $jws -EffectiveDate ([DateTimeOffset]::UtcNow)) Validity).Message | Should -Match 'leaf .* not at the effective date'
    }

    It 'is not trusted once -TrustedRoot names other roots' {
        $jws = Get-Content -LiteralPath (Join-Path $vectors 'real/renewal-info-sandbox-2023.jws') -Raw
        { ConvertFrom-AppStoreSignedData $jws -TrustedRoot $rootPath -ErrorAction Stop } | Should -Throw -ErrorId "InvalidChain,$convertId"
    }

    It 'refuses test data signed under Apple test CA, which only -TrustedRoot makes trusted' {
        $jws = Get-Content -LiteralPath (Join-Path $vectors 'mock_signed_data/testNotification') -Raw
        { ConvertFrom-AppStoreSignedData $jws -ErrorAction Stop } | Should -Throw -ErrorId "InvalidChain,$convertId"
        (ConvertFrom-AppStoreSignedData $jws -TrustedRoot (Join-Path $vectors 'certs/testCA.der')).notificationType | Should -Be 'TEST'
    }
}

Describe "Apple's test vectors" -Skip:$noAppleData {
    BeforeAll {
        $script:testCa = Join-Path $vectors 'certs/testCA.der'
        function Read-Vector([string] $Name) { Get-Content -LiteralPath (Join-Path $vectors "mock_signed_data/$Name") -Raw }
    }

    It 'verifies the test notification with its bundle ID, Apple ID and environment' {
        $notification = ConvertFrom-AppStoreSignedData (Read-Vector testNotification) -TrustedRoot $testCa -BundleId com.example -AppAppleId 1234 -Environment Sandbox
        $notification.pstypenames[0] | Should -Be 'AppStoreJws.SignedData.Notification'
        $notification.notificationUUID | Should -Be '9ad56bd2-0bc6-42e0-af24-fd996d87a1e6'
        $notification.data.appAppleId | Should -Be 1234
    }

    It 'verifies renewal info and a transaction named with -Type (their fields alone do not tell the kind)' {
        (ConvertFrom-AppStoreSignedData (Read-Vector renewalInfo) -TrustedRoot $testCa -Type RenewalInfo -Environment Sandbox).pstypenames[0] | Should -Be 'AppStoreJws.SignedData.RenewalInfo'
        (ConvertFrom-AppStoreSignedData (Read-Vector transactionInfo) -TrustedRoot $testCa -Type Transaction -BundleId com.example -Environment Sandbox).bundleId | Should -Be 'com.example'
        (Test-AppStoreSignedData (Read-Vector transactionInfo) -TrustedRoot $testCa).Checks[0].Message | Should -Match 'no kind Apple signs \(fields: environment, bundleId, signedDate\)'
    }

    It 'fails <Name> with <Id>' -ForEach @(
        @{ Name = 'wrongBundleId'; Id = 'InvalidAppIdentifier' }
        @{ Name = 'missingX5CHeaderClaim'; Id = 'InvalidChainLength' }
        @{ Name = 'legacyTransaction'; Id = 'MalformedSignedData' }
    ) {
        { ConvertFrom-AppStoreSignedData (Read-Vector $Name) -TrustedRoot $testCa -BundleId com.example -ErrorAction Stop } | Should -Throw -ErrorId "$Id,$convertId"
    }

    It 'fails a leaf with <Certificate> (<Check>), as Apple''s own tests do' -ForEach @(
        @{ Certificate = 'testInvalidOIDLeaf.pem'; Position = 0; Check = 'LeafOid' }
        @{ Certificate = 'testInvalidOIDIntermediate.pem'; Position = 1; Check = 'IntermediateOid' }
    ) {
        # Apple's PEM files start with OpenSSL's text dump of the certificate.
        $read = { param($name) [regex]::Match((Get-Content -LiteralPath (Join-Path $vectors "certs/$name") -Raw), '(?s)-----BEGIN CERTIFICATE-----(.*?)-----END').Groups[1].Value -replace '\s' }
        $x5c = @((& $read testLeaf.pem), (& $read testIntermediate.pem), [Convert]::ToBase64String([IO.File]::ReadAllBytes($testCa)))
        $x5c[$Position] = & $read $Certificate
        $key = [System.Security.Cryptography.ECDsa]::Create()
        $key.ImportFromPem((Get-Content -LiteralPath (Join-Path $vectors 'certs/testLeaf.key') -Raw))
        $jws = New-TestSignedData -Chain ([pscustomobject]@{ X5c = $x5c; LeafKey = $key }) -Payload (New-TestTransactionPayload -Change @{ signedDate = 1700000000000 })
        $report = Test-AppStoreSignedData $jws -TrustedRoot $testCa
        (Get-Check $report $Check).Result | Should -Be 'Fail'
        (Get-Check $report Signature).Result | Should -Be 'Pass'
        $report.ErrorId | Should -Be 'InvalidChain'
    }

    It 'decodes Xcode data only when the Xcode environment is expected, with a warning, fractional milliseconds kept' {
        $jws = Get-Content -LiteralPath (Join-Path $vectors 'xcode/xcode-signed-renewal-info') -Raw
        $info = ConvertFrom-AppStoreSignedData $jws -Environment Xcode -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        "$warnings" | Should -Match 'not signed by the App Store'
        $info.renewalDate | Should -BeOfType [DateTimeOffset]
        # 1700358336049.7297 ms: the fraction survives as ticks (100 ns).
        ($info.renewalDate - [DateTimeOffset]::FromUnixTimeMilliseconds(1700358336049)).Ticks | Should -BeIn 7296, 7297, 7298
        $report = Test-AppStoreSignedData $jws -Environment Xcode
        $report.IsValid | Should -BeTrue
        (Get-Check $report Signature).Result | Should -Be 'Warning'
        (Get-Check $report Chain).Result | Should -Be 'Skipped'
        { ConvertFrom-AppStoreSignedData $jws -ErrorAction Stop } | Should -Throw -ErrorId "InvalidChainLength,$convertId"
        { ConvertFrom-AppStoreSignedData $jws -Environment Sandbox -ErrorAction Stop } | Should -Throw -ErrorId "InvalidChainLength,$convertId"
    }

    It 'refuses data of another environment when Xcode is expected' {
        { ConvertFrom-AppStoreSignedData $caseData['a good chain'] -Environment Xcode -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw -ErrorId "InvalidEnvironment,$convertId"
    }

    It 'decodes the Xcode app transaction (environment in receiptType)' {
        $jws = Get-Content -LiteralPath (Join-Path $vectors 'xcode/xcode-signed-app-transaction') -Raw
        $app = ConvertFrom-AppStoreSignedData $jws -Environment Xcode -BundleId com.example.naturelab.backyardbirds.example -WarningAction SilentlyContinue
        $app.pstypenames[0] | Should -Be 'AppStoreJws.SignedData.AppTransaction'
        $app.receiptCreationDate | Should -BeOfType [DateTimeOffset]
        # Foundation's distantPast, "0001-01-01" in its Julian reckoning: a date like the others, the first day .NET holds.
        $app.originalPurchaseDate | Should -BeOfType [DateTimeOffset]
        $app.originalPurchaseDate | Should -Be ([DateTimeOffset]::MinValue)
        ($app | ConvertTo-Csv | ConvertFrom-Csv).originalPurchaseDate | Should -Be '0001-01-01T00:00:00Z'
    }
}

Describe 'Verification of the test PKI cases' {
    It '<Name>: ConvertFrom-AppStoreSignedData gives <Id>' -ForEach $cases {
        if ($null -eq $caseData[$Name]) { Set-ItResult -Skipped -Because "Apple's test vectors are not beside this checkout"; return }
        $arguments = @{ TrustedRoot = $rootPath; BundleId = 'com.example.app'; Environment = 'Sandbox' }
        if ($Id) {
            { ConvertFrom-AppStoreSignedData $caseData[$Name] @arguments -ErrorAction Stop } | Should -Throw -ErrorId "$Id,$convertId"
        }
        else {
            (ConvertFrom-AppStoreSignedData $caseData[$Name] @arguments).transactionId | Should -Be '2000000123456789'
        }
    }

    It '<Name>: Test-AppStoreSignedData fails <Check>' -ForEach $cases {
        if ($null -eq $caseData[$Name]) { Set-ItResult -Skipped -Because "Apple's test vectors are not beside this checkout"; return }
        $report = Test-AppStoreSignedData $caseData[$Name] -TrustedRoot $root -BundleId 'com.example.app' -Environment Sandbox
        $report.ErrorId | Should -Be $Id
        $report.IsValid | Should -Be (-not $Id)
        $failed = @($report.Checks | Where-Object Result -EQ 'Fail')
        if ($Check) {
            $failed[0].Name | Should -Be $Check
            $failed[0].Message | Should -Not -BeNullOrEmpty
        }
        else {
            $failed | Should -HaveCount 0
        }
        (Test-AppStoreSignedData $caseData[$Name] -TrustedRoot $root -BundleId 'com.example.app' -Environment Sandbox -Quiet) | Should -Be (-not $Id)
    }

    It "Apple's SignedDataVerifier reaches the same verdict on every case" {
        # Every case with data: the Xcode case needs Apple's test vectors.
        $withData = @($cases | Where-Object { $null -ne $caseData[$_.Name] })
        $request = @{
            rootsBase64 = @([Convert]::ToBase64String($chain.RootCer)); environment = 'Sandbox'; bundleId = 'com.example.app'
            items = @(foreach ($case in $withData) { @{ method = 'Transaction'; data = $caseData[$case.Name] } })
        }
        $results = (Invoke-Interop -Command apple-verify -Request $request).results
        $verdicts = for ($i = 0; $i -lt $withData.Count; $i++) { "$($withData[$i].Name): $($results[$i].status)" }
        $expected = foreach ($case in $withData) { "$($case.Name): $($case.Apple)" }
        $verdicts -join "`n" | Should -Be ($expected -join "`n")
    }

    It 'names the token''s own root and says it is never trusted' {
        $message = (Get-Check (Test-AppStoreSignedData $caseData['a chain to an untrusted root carried in x5c'] -TrustedRoot $root) Chain).Message
        $message | Should -Match "not issued by a trusted root; trusted: 'AppStoreJws Test Root CA'"
        $message | Should -Match "token's own root 'Other Root CA', which is never trusted"
    }

    It 'says what it found and expected in each message' {
        (Get-Check (Test-AppStoreSignedData $caseData['two certificates'] -TrustedRoot $root) ChainLength).Message | Should -Be "The header's x5c holds 2 certificates; Apple's chain has exactly 3 (leaf, intermediate, root)."
        (Get-Check (Test-AppStoreSignedData $caseData['another bundle ID'] -TrustedRoot $root -BundleId com.example.app) BundleId).Message | Should -Be "bundleId is 'com.example.other'; expected 'com.example.app'."
        (Get-Check (Test-AppStoreSignedData $caseData['another environment'] -TrustedRoot $root -Environment Sandbox) Environment).Message | Should -Be "environment is 'Production'; expected 'Sandbox'."
        (Get-Check (Test-AppStoreSignedData $caseData['a DER signature'] -TrustedRoot $root) Signature).Message | Should -Match 'bytes \(it looks like DER; JWS uses r‖s\); an ES256 signature is 64 bytes'
        (Get-Check (Test-AppStoreSignedData $caseData['alg ES384'] -TrustedRoot $root) Algorithm).Message | Should -Be "The header's alg is 'ES384'; Apple signs with ES256."
    }

    It 'accepts roots as certificate objects, DER files and PEM files (several in one)' {
        $pemPath = Join-Path $folder 'roots.pem'
        Write-TestPem -Certificate (New-TestAppleChain -Name Unrelated).Root -Path $pemPath
        Add-Content -LiteralPath $pemPath -Value $root.ExportCertificatePem()
        foreach ($trusted in @($root, $rootPath, $pemPath, (Get-Item -LiteralPath $rootPath))) {
            Test-AppStoreSignedData $caseData['a good chain'] -TrustedRoot $trusted -Quiet | Should -BeTrue
        }
    }

    It 'stops with <Id> for an unusable <Parameter>' -ForEach @(
        @{ Parameter = 'root file'; Arguments = @{ TrustedRoot = 'no-such-root.cer' }; Id = 'TrustedRootNotFound' }
        @{ Parameter = 'root file content'; Arguments = @{ TrustedRoot = $PSCommandPath }; Id = 'TrustedRootInvalid' }
        @{ Parameter = 'environment'; Arguments = @{ Environment = 'Production' }; Id = 'AppAppleIdRequired' }
    ) {
        { 'x', 'y' | ConvertFrom-AppStoreSignedData @Arguments } | Should -Throw -ErrorId "$Id,$convertId"
        { 'x', 'y' | Test-AppStoreSignedData @Arguments } | Should -Throw -ErrorId "$Id,$(Get-CmdletTypeName Test-AppStoreSignedData)"
    }

    It 'checks appAppleId against -AppAppleId' {
        $body = New-TestSignedData -Chain $chain -Payload (New-TestNotificationPayload -Chain $chain -Environment Production -AppAppleId 1234567890)
        (ConvertFrom-AppStoreSignedData $body -TrustedRoot $root -Environment Production -AppAppleId 1234567890 -BundleId com.example.app).data.appAppleId | Should -Be 1234567890
        { ConvertFrom-AppStoreSignedData $body -TrustedRoot $root -Environment Production -AppAppleId 42 -BundleId com.example.app -ErrorAction Stop } | Should -Throw -ErrorId "InvalidAppIdentifier,$convertId"
        (Get-Check (Test-AppStoreSignedData $body -TrustedRoot $root -AppAppleId 42) AppAppleId).Message | Should -Be 'data.appAppleId is 1234567890 (a number); expected 42.'
    }

    It 'reports malformed input as a failed Structure check, and as MalformedSignedData from ConvertFrom' -ForEach @(
        @{ Text = '' }, @{ Text = 'abc' }, @{ Text = 'a.b.c' }, @{ Text = 'eyJ9.eyJ9.AA' }
    ) {
        $report = Test-AppStoreSignedData $Text
        $report.IsValid | Should -BeFalse
        $report.Checks | Should -HaveCount 1
        $report.Checks[0].Name | Should -Be 'Structure'
        { ConvertFrom-AppStoreSignedData $Text -ErrorAction Stop } | Should -Throw -ErrorId "MalformedSignedData,$convertId"
    }
}

Describe 'Online revocation checks (OCSP against OpenSSL on 127.0.0.1)' {
    BeforeAll {
        $leafPort = Get-TestFreePort
        $rootPort = Get-TestFreePort
        $otherLeafPort = Get-TestFreePort
        $script:online = New-TestAppleChain -Name Online -OcspUrl "http://127.0.0.1:$leafPort" -RootOcspUrl "http://127.0.0.1:$rootPort"
        $script:revokedLeaf = New-TestAppleChain -SameIntermediateAs $online -OcspUrl "http://127.0.0.1:$leafPort"
        $script:revokedIntermediate = New-TestAppleChain -Root $online.Root -Name Revoked -OcspUrl "http://127.0.0.1:$otherLeafPort" -RootOcspUrl "http://127.0.0.1:$rootPort"
        $script:noAia = New-TestAppleChain -Root $online.Root -Name NoAia
        $script:leafResponder = Start-TestOcspResponder -Issuer $online.Intermediate -Good $online.Leaf -Revoked $revokedLeaf.Leaf -Folder $folder -Port $leafPort -Seconds 240
        $script:otherLeafResponder = Start-TestOcspResponder -Issuer $revokedIntermediate.Intermediate -Good $revokedIntermediate.Leaf -Folder $folder -Port $otherLeafPort -Seconds 240
        $script:rootResponder = Start-TestOcspResponder -Issuer $online.Root -Good $online.Intermediate -Revoked $revokedIntermediate.Intermediate -Folder $folder -Port $rootPort -Seconds 240
        $script:onlineCases = [ordered]@{
            'good'                  = @{ Data = (New-TestTransaction -Chain $online); Id = $null; Apple = 'OK' }
            'a revoked leaf'        = @{ Data = (New-TestTransaction -Chain $revokedLeaf); Id = 'Revoked'; Apple = 'FAILURE' }
            'a revoked intermediate' = @{ Data = (New-TestTransaction -Chain $revokedIntermediate); Id = 'Revoked'; Apple = 'FAILURE' }
            'no OCSP responder'     = @{ Data = (New-TestTransaction -Chain $noAia); Id = 'InvalidCertificate'; Apple = 'INVALID_CERTIFICATE' }
        }
        function Invoke-AppleOnline([object[]] $Data) {
            $request = @{ rootsBase64 = @([Convert]::ToBase64String($online.RootCer)); environment = 'Sandbox'; bundleId = 'com.example.app'; online = $true
                items = @(foreach ($item in $Data) { @{ method = 'Transaction'; data = $item } }) }
            @((Invoke-Interop -Command apple-verify -Request $request).results.status)
        }
    }

    AfterAll {
        Stop-TestOcspResponder $leafResponder
        Stop-TestOcspResponder $rootResponder
        Stop-TestOcspResponder $otherLeafResponder
    }

    It 'passes a good chain, with the answer reused for the next payload of the same chain' {
        $reports = (New-TestTransaction -Chain $online), (New-TestTransaction -Chain $online) | Test-AppStoreSignedData -TrustedRoot $online.Root -Online
        (Get-Check $reports[0] Revocation).Message | Should -Match '^Leaf and intermediate are good by OCSP \(leaf good at http://127.0.0.1:\d+; intermediate good'
        (Get-Check $reports[1] Revocation).Message | Should -Match 'answer reused until'
        $reports.IsValid | Should -Be @($true, $true)
    }

    It 'fails <_> with its id, and Apple''s library agrees' -ForEach @('a revoked leaf', 'a revoked intermediate', 'no OCSP responder') {
        $case = $onlineCases[$_]
        { ConvertFrom-AppStoreSignedData $case.Data -TrustedRoot $online.Root -Online -ErrorAction Stop } | Should -Throw -ErrorId "$($case.Id),$convertId"
        (Get-Check (Test-AppStoreSignedData $case.Data -TrustedRoot $online.Root -Online) Revocation).Result | Should -Be 'Fail'
    }

    It "Apple's SignedDataVerifier reaches the same online verdicts" {
        $names = @($onlineCases.Keys)
        $statuses = Invoke-AppleOnline @($onlineCases.Values.Data)
        $verdicts = for ($i = 0; $i -lt $names.Count; $i++) { "$($names[$i]): $($statuses[$i])" }
        $verdicts -join "`n" | Should -Be (@(foreach ($name in $names) { "${name}: $($onlineCases[$name].Apple)" }) -join "`n")
    }

    It 'accepts answers signed by the issuer itself (which Apple''s Node library refuses: it compares key objects by identity)' {
        $port = Get-TestFreePort
        $direct = New-TestAppleChain -SameIntermediateAs $online -OcspUrl "http://127.0.0.1:$port"
        $responder = Start-TestOcspResponder -Issuer $online.Intermediate -Good $direct.Leaf -Folder $folder -Port $port -Seconds 120 -SignWithIssuer
        try {
            $report = Test-AppStoreSignedData (New-TestTransaction -Chain $direct) -TrustedRoot $online.Root -Online
            (Get-Check $report Revocation).Result | Should -Be 'Pass'
        }
        finally {
            Stop-TestOcspResponder $responder
        }
    }

    It 'is a retryable RevocationCheckFailed (ConnectionError) when the responder is down, for Apple too' {
        Stop-TestOcspResponder $leafResponder
        $errors = $null
        ConvertFrom-AppStoreSignedData $onlineCases['good'].Data -TrustedRoot $online.Root -Online -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be "RevocationCheckFailed,$convertId"
        $errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'Retry'
        $errors[0].Exception.Message | Should -Match 'could not be reached'
        Invoke-AppleOnline @($onlineCases['good'].Data) | Should -Be 'RETRYABLE_VERIFICATION_FAILURE'
        # Offline, the same data still verifies: no network is needed by default.
        Test-AppStoreSignedData $onlineCases['good'].Data -TrustedRoot $online.Root -Quiet | Should -BeTrue
    }
}

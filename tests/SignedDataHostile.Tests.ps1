# ConvertFrom-AppStoreSignedData and Test-AppStoreSignedData facing data made to hurt them: certificates no platform
# can read, containers in place of certificates, several texts for one payload, member names that hide each other,
# payloads given in the place of others, control characters, and OCSP responders that hang, redirect, or lie.
# Whatever arrives, each input ends in a verdict of its own (an error id the docs list, or a report), and the next
# input is still verified. Random mutants of the same kinds are in Fuzz.Tests.ps1.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:noAppleData = -not (Get-AppleTestData)
}

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    $script:appleData = Get-AppleTestData
    $script:folder = New-TestFolder
    $script:chain = New-TestAppleChain
    $script:root = $chain.Root
    $script:convertId = Get-CmdletTypeName ConvertFrom-AppStoreSignedData
    $script:testId = Get-CmdletTypeName Test-AppStoreSignedData
    $script:good = New-TestTransaction -Chain $chain

    # The transaction signed by the test chain, with its header's x5c replaced.
    function New-WithX5c([string[]] $X5c) { New-TestTransaction -Chain $chain -X5c $X5c }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'Certificates no one can use' {
    It 'refuses a leaf whose key names an unknown curve as InvalidCertificate, and verifies the inputs around it' {
        $evil = New-TestTransaction -Chain (New-TestAppleChain -Root $root -LeafCurveOid '1.3.132.0.99')
        $errors = $null
        $out = $good, $evil, $good | ConvertFrom-AppStoreSignedData -TrustedRoot $root -ErrorAction SilentlyContinue -ErrorVariable errors
        @($out).Count | Should -Be 2
        @($out.transactionId) | Should -Be @('2000000123456789', '2000000123456789')
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidCertificate,$convertId"
        $errors[0].Exception.Message | Should -Match '^The leaf \(x5c\[0\]\) is not a usable certificate'

        $reports = $good, $evil, $good | Test-AppStoreSignedData -TrustedRoot $root
        @($reports.IsValid) | Should -Be @($true, $false, $true)
        $reports[1].ErrorId | Should -Be 'InvalidCertificate'
        (Get-Check $reports[1] Chain).Result | Should -Be 'Fail'
    }

    It 'refuses a PKCS#12 container in x5c at once, as InvalidCertificate' {
        # Costly to open (two million PBKDF2 rounds) for a reader that would treat it as a certificate container.
        $pbe = [Security.Cryptography.PbeParameters]::new('Aes256Cbc', [Security.Cryptography.HashAlgorithmName]::SHA256, 2000000)
        $pfx = [Convert]::ToBase64String($chain.Leaf.ExportPkcs12($pbe, 'password'))
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $report = Test-AppStoreSignedData (New-WithX5c @($pfx, $chain.X5c[1], $chain.X5c[2])) -TrustedRoot $root
        $watch.Stop()
        $report.ErrorId | Should -Be 'InvalidCertificate'
        (Get-Check $report Chain).Message | Should -Match 'leaf \(x5c\[0\]\) is not a usable certificate: expected a DER X.509 certificate'
        # Measured about 0.01 s; opening the container would take seconds.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
    }

    It 'refuses a certificate over the size bound without reading it' {
        $huge = [Convert]::ToBase64String([byte[]]::new(64KB))
        $report = Test-AppStoreSignedData (New-WithX5c @($chain.X5c[0], $huge, $chain.X5c[2])) -TrustedRoot $root
        $report.ErrorId | Should -Be 'InvalidCertificate'
        (Get-Check $report Chain).Message | Should -Match 'intermediate \(x5c\[1\]\) .* more than the 16384 bytes a certificate here may have'
    }

    It 'refuses a second base64 text for the same certificate (<Case>)' -ForEach @(
        @{ Case = 'a line break inside'; Change = { param($text) $text.Substring(0, 64) + "`n" + $text.Substring(64) } }
        @{ Case = 'bits set past the last byte'; Change = {
                param($text)
                # The character before the padding carries unused low bits: set one, the bytes stay the same.
                $at = $text.TrimEnd('=').Length - 1
                $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
                $text.Substring(0, $at) + $alphabet[$alphabet.IndexOf($text[$at]) -bxor 1] + $text.Substring($at + 1)
            }
        }
    ) {
        # A leaf whose DER length is no multiple of 3, so its base64 ends in padding (its length varies with serial and signature).
        $leafChain = $chain
        for ($try = 0; $try -lt 50 -and -not $leafChain.X5c[0].EndsWith('='); $try++) { $leafChain = New-TestAppleChain -Root $root }
        $leaf = $leafChain.X5c[0]
        $changed = & $Change $leaf
        $changed | Should -Not -Be $leaf
        [Convert]::FromBase64String($changed) | Should -Be ([Convert]::FromBase64String($leaf)) -Because 'both texts must read as the same bytes'
        $jws = New-TestTransaction -Chain $leafChain -X5c @($changed, $leafChain.X5c[1], $leafChain.X5c[2])
        { ConvertFrom-AppStoreSignedData $jws -TrustedRoot $root -ErrorAction Stop } | Should -Throw -ErrorId "InvalidCertificate,$convertId"
        (Get-Check (Test-AppStoreSignedData $jws -TrustedRoot $root) Chain).Message | Should -Match 'not canonical'
        # The same chain as Apple writes it verifies.
        Test-AppStoreSignedData (New-TestTransaction -Chain $leafChain) -TrustedRoot $root -Quiet | Should -BeTrue
    }
}

Describe 'Payloads that read two ways' {
    It 'refuses members whose names differ only in case (<Name>)' -ForEach @(
        @{ Name = 'bundleId and BundleId'; Json = '"bundleId":"com.example.app","BundleId":"com.example.other"' }
        @{ Name = 'the same name twice'; Json = '"bundleId":"com.example.other","bundleId":"com.example.app"' }
    ) {
        $payload = ((New-TestTransactionPayload) | ConvertTo-Json -Compress) -replace '"bundleId":"com.example.app"', $Json
        $jws = New-TestSignedData -Chain $chain -Payload $payload
        { ConvertFrom-AppStoreSignedData $jws -TrustedRoot $root -BundleId com.example.app -ErrorAction Stop } | Should -Throw -ErrorId "MalformedSignedData,$convertId"
        $report = Test-AppStoreSignedData $jws -TrustedRoot $root -BundleId com.example.app
        $report.IsValid | Should -BeFalse
        $report.Checks[0].Message | Should -Match 'bundleId'
    }

    It 'reports, without throwing, a notification whose data already has a Transaction member' {
        $body = New-TestSignedData -Chain $chain -Payload (New-TestNotificationPayload -Chain $chain -Data @{ Transaction = 'not Apple''s' })
        $report = Test-AppStoreSignedData $body -TrustedRoot $root
        $report.IsValid | Should -BeFalse
        $report.ErrorId | Should -Be 'MalformedSignedData'
        @($report.Checks | Where-Object Result -EQ Fail)[0].Message | Should -Match "data already has a member 'Transaction'"
        { ConvertFrom-AppStoreSignedData $body -TrustedRoot $root -ErrorAction Stop } | Should -Throw -ErrorId "MalformedSignedData,$convertId"
    }

    It "accepts a high-S signature: Apple's own App Store signer makes them" -Skip:$noAppleData {
        # The s of this real sandbox renewal info is above half the P-256 order; refusing high S would refuse Apple's data.
        $jws = (Get-Content -LiteralPath (Join-Path $appleData 'apple-test-vectors/real/renewal-info-sandbox-2023.jws') -Raw).Trim()
        $signature = ConvertFrom-Base64Url $jws.Split('.')[2]
        $halfOrder = [Numerics.BigInteger]::Parse('7FFFFFFF800000007FFFFFFFFFFFFFFFDE737D56D38BCF4279DCE5617E3192A8', 'HexNumber')
        [Numerics.BigInteger]::new([byte[]]$signature[32..63], $true, $true) | Should -BeGreaterThan $halfOrder
        Test-AppStoreSignedData $jws -Environment Sandbox -Quiet | Should -BeTrue
    }
}

Describe 'The app binding' {
    It 'refuses renewal info given as a notification body with -BundleId (<Source>)' -ForEach @(
        @{ Source = 'a test chain' }
        @{ Source = "Apple's sandbox" }
    ) {
        if ($Source -eq 'a test chain') {
            $renewal = New-TestSignedData -Chain $chain -Payload (New-TestRenewalInfoPayload)
            $trust = @{ TrustedRoot = $root }
        }
        else {
            if (-not $appleData) { Set-ItResult -Skipped -Because "Apple's test vectors are not beside this checkout"; return }
            $renewal = (Get-Content -LiteralPath (Join-Path $appleData 'apple-test-vectors/real/renewal-info-sandbox-2023.jws') -Raw).Trim()
            $trust = @{}
        }
        $errors = $null
        [pscustomobject]@{ signedPayload = $renewal } | ConvertFrom-AppStoreSignedData @trust -BundleId com.victim.app -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidAppIdentifier,$convertId"
        $errors[0].Exception.Message | Should -Match "renewal info, which names no bundle ID, so nothing ties it to 'com.victim.app'.*-Type RenewalInfo"
        (Get-Check ([pscustomobject]@{ signedPayload = $renewal } | Test-AppStoreSignedData @trust -BundleId com.victim.app) BundleId).Result | Should -Be 'Fail'
        # Named as what it is, it is accepted knowingly: renewal info carries no bundle ID to check.
        (ConvertFrom-AppStoreSignedData $renewal @trust -BundleId com.victim.app -Type RenewalInfo).pstypenames[0] | Should -Be 'AppStoreJws.SignedData.RenewalInfo'
    }

    It 'needs -BundleId with -Environment Production, so another app''s production transaction cannot pass on -AppAppleId alone' {
        $other = New-TestTransaction -Chain $chain -Change @{ bundleId = 'com.other.app'; environment = 'Production' }
        { ConvertFrom-AppStoreSignedData $other -TrustedRoot $root -Environment Production -AppAppleId 1234567890 -ErrorAction Stop } |
            Should -Throw -ErrorId "BundleIdRequired,$convertId"
        { Test-AppStoreSignedData $other -TrustedRoot $root -Environment Production -AppAppleId 1234567890 } | Should -Throw -ErrorId "BundleIdRequired,$testId"
        { ConvertFrom-AppStoreSignedData $other -TrustedRoot $root -Environment Production -AppAppleId 1234567890 -BundleId com.victim.app -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidAppIdentifier,$convertId"
    }
}

Describe 'Untrusted text in messages' {
    It 'escapes ESC, BEL and line breaks from the payload' {
        $jws = New-TestTransaction -Chain $chain -Change @{ bundleId = "com.evil`e[2J`a`nFAKE: all good" }
        $errors = $null
        ConvertFrom-AppStoreSignedData $jws -TrustedRoot $root -BundleId com.example.app -ErrorAction SilentlyContinue -ErrorVariable errors
        $message = $errors[0].Exception.Message
        $message | Should -Match ([regex]::Escape('com.evil\u001B[2J\u0007\u000AFAKE: all good'))
        $message | Should -Not -Match "[`e`a`n]"
        (Get-Check (Test-AppStoreSignedData $jws -TrustedRoot $root -BundleId com.example.app) BundleId).Message | Should -Not -Match "[`e`a`n]"
    }

    It 'escapes controls from a certificate''s name' {
        $named = New-TestAppleChain -Name "Evil`e]0;title`a" -Root $root
        $message = (Get-Check (Test-AppStoreSignedData (New-TestTransaction -Chain $named) -TrustedRoot (New-TestAppleChain -Name Other).Root) Chain).Message
        $message | Should -Match ([regex]::Escape('Evil\u001B]0;title\u0007'))
        $message | Should -Not -Match "[`e`a]"
    }
}

Describe 'OCSP responders that hang, redirect or lie (127.0.0.1)' {
    BeforeAll {
        # Each case gets a responder URL of its own: the module remembers a failed responder for a minute.
        function New-OnlineCase([string] $OcspUrl) {
            $case = New-TestAppleChain -Root $root -Name "Ocsp $(Get-Random)" -OcspUrl $OcspUrl
            [pscustomobject]@{ Chain = $case; Data = @(1..3 | ForEach-Object { New-TestTransaction -Chain $case -Change @{ transactionId = "200000012345678$_" } }) }
        }
        # A basic OCSP response whose signature is junk and whose only certificate is no certificate: its issuer did
        # not sign it, so the verifier looks at the certificates it carries for a delegated responder.
        function New-GarbageCertificateResponse {
            $basic = [System.Formats.Asn1.AsnWriter]::new([System.Formats.Asn1.AsnEncodingRules]::DER)
            $null = $basic.PushSequence()
            $null = $basic.PushSequence(); $basic.WriteInteger(1); $basic.PopSequence() # tbsResponseData: anything
            $null = $basic.PushSequence(); $basic.WriteObjectIdentifier('1.2.840.10045.4.3.2'); $basic.PopSequence()
            $basic.WriteBitString([byte[]](1..70))
            $certsTag = [System.Formats.Asn1.Asn1Tag]::new([System.Formats.Asn1.TagClass]::ContextSpecific, 0, $true)
            $null = $basic.PushSequence($certsTag)
            $null = $basic.PushSequence()
            $basic.WriteEncodedValue([byte[]](0x30, 0x03, 0x02, 0x01, 0x07)) # a SEQUENCE that is no certificate
            $basic.PopSequence()
            $basic.PopSequence($certsTag)
            $basic.PopSequence()
            $response = [System.Formats.Asn1.AsnWriter]::new([System.Formats.Asn1.AsnEncodingRules]::DER)
            $null = $response.PushSequence()
            $response.WriteEncodedValue([byte[]](0x0A, 0x01, 0x00)) # responseStatus ENUMERATED successful (0)
            $bytesTag = [System.Formats.Asn1.Asn1Tag]::new([System.Formats.Asn1.TagClass]::ContextSpecific, 0, $true)
            $null = $response.PushSequence($bytesTag)
            $null = $response.PushSequence()
            $response.WriteObjectIdentifier('1.3.6.1.5.5.7.48.1.1')
            $response.WriteOctetString($basic.Encode())
            $response.PopSequence()
            $response.PopSequence($bytesTag)
            $response.PopSequence()
            , $response.Encode()
        }
    }

    It 'waits -TimeoutSec for a responder that never answers, then fails the next payloads at once' {
        # Accepts connections (the backlog completes them) and never reads or answers.
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $case = New-OnlineCase "http://127.0.0.1:$($silent.LocalEndpoint.Port)"
            $errors = $null
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $case.Data | ConvertFrom-AppStoreSignedData -TrustedRoot $root -Online -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $watch.Stop()
            @($errors.FullyQualifiedErrorId | Sort-Object -Unique) | Should -Be "RevocationCheckFailed,$convertId"
            $errors[0].Exception.Message | Should -Match 'no answer within 1 seconds'
            $errors[1].Exception.Message | Should -Match 'not asked again before'
            $errors[2].Exception.Message | Should -Match 'not asked again before'
            # One wait of 1 s, not three and not the default 30 s (measured: about 1.1 s).
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        }
        finally {
            $silent.Stop()
        }
    }

    It 'asks only http and https responders: <Url>' -ForEach @(
        @{ Url = 'file:///etc/passwd' }
        @{ Url = 'ftp://127.0.0.1/ocsp' }
        @{ Url = 'not a URL at all' }
        @{ Url = 'http://user:secret@127.0.0.1:9/' }
    ) {
        $case = New-OnlineCase $Url
        $report = Test-AppStoreSignedData $case.Data[0] -TrustedRoot $root -Online
        $report.ErrorId | Should -Be 'InvalidCertificate'
        (Get-Check $report Revocation).Message | Should -Match 'which is not an http or https URL'
    }

    It 'does not follow a redirect' {
        $port = Get-TestFreePort
        $responder = Start-TestHostileOcspResponder -Folder $folder -Port $port -RedirectTo 'http://127.0.0.1:9/elsewhere' -Seconds 60
        try {
            $report = Test-AppStoreSignedData (New-OnlineCase "http://127.0.0.1:$port").Data[0] -TrustedRoot $root -Online -TimeoutSec 5
            $report.ErrorId | Should -Be 'RevocationCheckFailed'
            (Get-Check $report Revocation).Message | Should -Match 'answered HTTP 302 .*a redirect, which is not followed'
        }
        finally {
            Stop-TestOcspResponder $responder
        }
    }

    It 'fails, without a crash, an answer that carries <Name>' -ForEach @(
        @{ Name = 'a garbage certificate'; Id = 'InvalidCertificate'; Pattern = 'not signed by its issuer' }
        @{ Name = 'a megabyte'; Id = 'RevocationCheckFailed'; Pattern = 'too large to be OCSP' }
        @{ Name = 'no DER at all'; Id = 'RevocationCheckFailed'; Pattern = 'not OCSP DER' }
    ) {
        $body = switch ($Name) {
            'a garbage certificate' { New-GarbageCertificateResponse }
            'a megabyte' { , [byte[]]::new(1MB) }
            default { , [Text.Encoding]::ASCII.GetBytes('<html>hello</html>') }
        }
        $port = Get-TestFreePort
        $responder = Start-TestHostileOcspResponder -Folder $folder -Port $port -Body $body -Seconds 60
        try {
            $case = New-OnlineCase "http://127.0.0.1:$port"
            $reports = $case.Data[0], $good | Test-AppStoreSignedData -TrustedRoot $root -Online -TimeoutSec 5
            $reports[0].ErrorId | Should -Be $Id
            (Get-Check $reports[0] Revocation).Message | Should -Match $Pattern
            { ConvertFrom-AppStoreSignedData $case.Data[1] -TrustedRoot $root -Online -TimeoutSec 5 -ErrorAction Stop } | Should -Throw -ErrorId "$Id,$convertId"
        }
        finally {
            Stop-TestOcspResponder $responder
        }
    }

    It 'stops at once on Ctrl+C (StopProcessing) while an OCSP request waits' {
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        $shell = [powershell]::Create()
        try {
            $case = New-OnlineCase "http://127.0.0.1:$($silent.LocalEndpoint.Port)"
            $null = $shell.AddScript({
                    param($Module, $Data, $Root)
                    Import-Module $Module
                    $Data | ConvertFrom-AppStoreSignedData -TrustedRoot $Root -Online -TimeoutSec 120
                }).AddArgument($env:APPSTOREJWS_MODULE).AddArgument($case.Data).AddArgument($root)
            $running = $shell.BeginInvoke()
            # Wait until the request is under way: the silent listener has a connection waiting.
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not $silent.Pending() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $silent.Pending() | Should -BeTrue
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Stop()
            $running.IsCompleted | Should -BeTrue
            # Measured about 0.05 s; without the cancellation it would wait out the 120 s timeout.
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        }
        finally {
            $shell.Dispose()
            $silent.Stop()
        }
    }
}

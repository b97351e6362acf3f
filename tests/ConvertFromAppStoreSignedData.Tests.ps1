# ConvertFrom-AppStoreSignedData: what Apple signs, decoded once verified: every field in order, dates as
# DateTimeOffset, nested payloads verified in place, the same fields as Apple's library, and pipeline input.
# Chains come from a test PKI made at run time (tests/TestPki.psm1). Verification itself, shared with
# Test-AppStoreSignedData, is in SignedData.Tests.ps1.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    $script:folder = New-TestFolder
    $script:chain = New-TestAppleChain
    $script:root = $chain.Root
    $script:convertId = Get-CmdletTypeName ConvertFrom-AppStoreSignedData
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'Decoding' {
    It 'keeps every field, in order, with Unix-millisecond dates as DateTimeOffset and unknown fields kept' {
        $payload = New-TestTransactionPayload -Change @{ someFieldAppleAddsLater = @{ nested = 1; whenDate = 1700000000123 } }
        $transaction = ConvertFrom-AppStoreSignedData (New-TestSignedData -Chain $chain -Payload $payload) -TrustedRoot $root
        @($transaction.psobject.Properties.Name) | Should -Be @($payload.Keys)
        $transaction.purchaseDate | Should -BeOfType [DateTimeOffset]
        $transaction.purchaseDate.ToUnixTimeMilliseconds() | Should -Be $payload.purchaseDate
        $transaction.price | Should -Be 4990
        $transaction.someFieldAppleAddsLater.nested | Should -Be 1
        $transaction.someFieldAppleAddsLater.whenDate.ToUnixTimeMilliseconds() | Should -Be 1700000000123
    }

    It 'verifies and decodes a notification''s nested transaction and renewal info in place' {
        $body = New-TestSignedData -Chain $chain -Payload (New-TestNotificationPayload -Chain $chain)
        $notification = ConvertFrom-AppStoreSignedData $body -TrustedRoot $root -BundleId com.example.app -Environment Sandbox
        $notification.data.Transaction.pstypenames[0] | Should -Be 'AppStoreJws.SignedData.Transaction'
        $notification.data.Transaction.expiresDate | Should -BeOfType [DateTimeOffset]
        $notification.data.RenewalInfo.pstypenames[0] | Should -Be 'AppStoreJws.SignedData.RenewalInfo'
        $notification.data.RenewalInfo.autoRenewStatus | Should -Be 1
        $notification.data.signedTransactionInfo | Should -Match '^eyJ'
        # ToString() gives the signed data, as the module's other objects give their token.
        "$notification" | Should -Be $body
        "$($notification.data.Transaction)" | Should -Be $notification.data.signedTransactionInfo
        @($notification.data.psobject.Properties.Name) | Should -Be @('appAppleId', 'bundleId', 'bundleVersion', 'environment', 'signedTransactionInfo', 'Transaction', 'signedRenewalInfo', 'RenewalInfo', 'status')
        $report = Test-AppStoreSignedData $body -TrustedRoot $root
        $report.Nested.Path | Should -Be @('data.signedTransactionInfo', 'data.signedRenewalInfo')
        $report.Nested.IsValid | Should -Be @($true, $true)
    }

    It 'fails the whole notification when a nested payload does not verify, naming where' {
        $nested = New-TestTransaction -Chain (New-TestAppleChain -Name Other)
        $body = New-TestSignedData -Chain $chain -Payload (New-TestNotificationPayload -Chain $chain -Data @{ signedTransactionInfo = $nested })
        $errors = $null
        $out = ConvertFrom-AppStoreSignedData $body -TrustedRoot $root -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidChain,$convertId"
        $errors[0].Exception.Message | Should -Match '^data.signedTransactionInfo: The intermediate'
        $report = Test-AppStoreSignedData $body -TrustedRoot $root
        $report.IsValid | Should -BeFalse
        $report.ErrorId | Should -Be 'InvalidChain'
        "$report" | Should -Match 'data.signedTransactionInfo'
    }

    It 'decodes an app transaction and a real-time request by their fields' {
        $app = [ordered]@{ receiptType = 'Sandbox'; appAppleId = 1234567890; bundleId = 'com.example.app'; applicationVersion = '7'; originalApplicationVersion = '1'
            receiptCreationDate = [DateTimeOffset]::UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(); requestDate = 1700000000000; appTransactionId = '704289572311355393' }
        (ConvertFrom-AppStoreSignedData (New-TestSignedData -Chain $chain -Payload $app) -TrustedRoot $root -Environment Sandbox -BundleId com.example.app).pstypenames[0] | Should -Be 'AppStoreJws.SignedData.AppTransaction'
        $realtime = [ordered]@{ originalTransactionId = '2000000123456780'; appAppleId = 1234567890; productId = 'com.example.premium.monthly'; userLocale = 'en-US'
            requestIdentifier = [guid]::NewGuid().ToString(); signedDate = [DateTimeOffset]::UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(); environment = 'Sandbox' }
        $request = ConvertFrom-AppStoreSignedData (New-TestSignedData -Chain $chain -Payload $realtime) -TrustedRoot $root -Environment Sandbox -BundleId com.example.app
        $request.pstypenames[0] | Should -Be 'AppStoreJws.SignedData.RealtimeRequest'
        $request.userLocale | Should -Be 'en-US'
    }

    It 'decodes the same fields as Apple''s library' {
        $jws = New-TestTransaction -Chain $chain
        $apple = (Invoke-Interop -Command apple-verify -Request @{ rootsBase64 = @([Convert]::ToBase64String($chain.RootCer)); environment = 'Sandbox'; bundleId = 'com.example.app'; items = @(@{ method = 'Transaction'; data = $jws }) }).results[0].payload
        $ours = ConvertFrom-AppStoreSignedData $jws -TrustedRoot $root
        @($ours.psobject.Properties.Name) | Should -Be @($apple.Keys)
        foreach ($name in $apple.Keys) {
            $value = $ours.$name
            if ($value -is [DateTimeOffset]) { $value = $value.ToUnixTimeMilliseconds() }
            "$name=$value" | Should -Be "$name=$($apple[$name])"
        }
    }
}

Describe 'Pipeline input' {
    It 'takes strings, notification bodies (signedPayload) and API responses (signedTransactions arrays); a bad row is a non-terminating error' {
        $bodyPath = Join-Path $folder 'notification.json'
        @{ signedPayload = (New-TestSignedData -Chain $chain -Payload (New-TestNotificationPayload -Chain $chain)) } | ConvertTo-Json | Set-Content -LiteralPath $bodyPath
        $history = [pscustomobject]@{ revision = 'abc'; hasMore = $false; signedTransactions = @((New-TestTransaction -Chain $chain), 'not a jws', (New-TestTransaction -Chain $chain -Change @{ transactionId = '2000000999' })) }
        $inputs = @(
            (New-TestTransaction -Chain $chain)
            (Get-Content -LiteralPath $bodyPath -Raw | ConvertFrom-Json)
            [pscustomobject]@{ signedTransactionInfo = (New-TestTransaction -Chain $chain) }
            [pscustomobject]@{ signedRenewalInfo = (New-TestSignedData -Chain $chain -Payload (New-TestRenewalInfoPayload)) }
            $history
        )
        $errors = $null
        $out = $inputs | ConvertFrom-AppStoreSignedData -TrustedRoot $root -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | ForEach-Object { $_.pstypenames[0] } | Should -Be @(
            'AppStoreJws.SignedData.Transaction', 'AppStoreJws.SignedData.Notification', 'AppStoreJws.SignedData.Transaction',
            'AppStoreJws.SignedData.RenewalInfo', 'AppStoreJws.SignedData.Transaction', 'AppStoreJws.SignedData.Transaction')
        $out[-1].transactionId | Should -Be '2000000999'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be "MalformedSignedData,$convertId"
        $errors[0].TargetObject | Should -Be 'not a jws'
        ($inputs | Test-AppStoreSignedData -TrustedRoot $root -Quiet) | Should -Be @($true, $true, $true, $true, $true, $false, $true)
    }

    It 'verifies a thousand payloads of one chain with one chain evaluation' {
        $jws = New-TestTransaction -Chain $chain
        $elapsed = Measure-Command { $count = (@($jws) * 1000 | ConvertFrom-AppStoreSignedData -TrustedRoot $root | Measure-Object).Count }
        $count | Should -Be 1000
        # The chain check (two certificate signatures, a P-384 one among them) runs once: far below 10 ms per payload even on a loaded machine.
        $elapsed.TotalSeconds | Should -BeLessThan 10
    }
}

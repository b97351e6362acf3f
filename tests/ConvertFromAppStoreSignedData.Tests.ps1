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

Describe 'The report of a notification covers its nested payloads' {
    It '<Case>: the check <Check> fails, IsValid is false, and ConvertFrom refuses it with <Id>' -ForEach @(
        @{ Case = 'a nested transaction changed after signing'; Check = 'data.signedTransactionInfo: Signature'; Id = 'InvalidSignature' }
        @{ Case = 'nested renewal info on a leaf without the Apple OID'; Check = 'data.signedRenewalInfo: LeafOid'; Id = 'InvalidChain' }
        @{ Case = 'a nested transaction naming another bundle'; Check = 'data.signedTransactionInfo: BundleId'; Id = 'InvalidAppIdentifier' }
    ) {
        $data = switch -Wildcard ($Case) {
            '*changed after signing' {
                $parts = (New-TestTransaction -Chain $chain).Split('.')
                @{ signedTransactionInfo = $parts[0] + '.' + (ConvertTo-Base64Url ((New-TestTransactionPayload -Change @{ price = 1 }) | ConvertTo-Json -Compress)) + '.' + $parts[2] }
            }
            '*without the Apple OID' { @{ signedRenewalInfo = New-TestSignedData -Chain (New-TestAppleChain -Omit LeafOid -Root $root) -Payload (New-TestRenewalInfoPayload) } }
            '*another bundle' { @{ signedTransactionInfo = New-TestTransaction -Chain $chain -Change @{ bundleId = 'com.example.other' } } }
        }
        $body = New-TestSignedData -Chain $chain -Payload (New-TestNotificationPayload -Chain $chain -Data $data)
        # No -BundleId: the nested transaction must still name the notification's own bundle.
        $report = Test-AppStoreSignedData $body -TrustedRoot $root
        $report.IsValid | Should -BeFalse
        $report.ErrorId | Should -Be $Id
        @($report.Checks | Where-Object Result -EQ 'Fail').Name | Should -Be @($Check)
        (Get-Check $report 'Signature').Result | Should -Be 'Pass' -Because 'the notification itself is good'
        $report.Checks.Name | Should -Contain 'data.signedRenewalInfo: Signature'
        "$report" | Should -Be "Invalid ($Id): $Check failed"
        ($report | Out-String -Width 200) | Should -Match ([regex]::Escape($Check))
        Test-AppStoreSignedData $body -TrustedRoot $root -Quiet | Should -BeFalse
        { ConvertFrom-AppStoreSignedData $body -TrustedRoot $root -ErrorAction Stop } | Should -Throw -ErrorId "$Id,$convertId"
    }

    It 'says which bundle the nested transaction was held to' {
        $body = New-TestSignedData -Chain $chain -Payload (New-TestNotificationPayload -Chain $chain -Data @{ signedTransactionInfo = New-TestTransaction -Chain $chain -Change @{ bundleId = 'com.example.other' } })
        (Get-Check (Test-AppStoreSignedData $body -TrustedRoot $root) 'data.signedTransactionInfo: BundleId').Message |
            Should -Be "bundleId is 'com.example.other'; expected 'com.example.app' (the notification's data.bundleId)."
    }
}

Describe 'Output for files and tables' {
    BeforeAll {
        $script:savedCulture = [cultureinfo]::CurrentCulture
        $script:isoUtc = '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$'
    }
    AfterEach { [cultureinfo]::CurrentCulture = $savedCulture }

    It 'writes dates to CSV in ISO 8601 UTC under <Culture>, and they stay DateTimeOffset' -ForEach @(@{ Culture = 'de-DE' }, @{ Culture = 'ar-SA' }, @{ Culture = 'en-US' }) {
        [cultureinfo]::CurrentCulture = $Culture
        $payload = New-TestTransactionPayload -Change @{ purchaseDate = 1698148900123 }
        $transaction = ConvertFrom-AppStoreSignedData (New-TestSignedData -Chain $chain -Payload $payload) -TrustedRoot $root
        $row = $transaction | ConvertTo-Csv | ConvertFrom-Csv
        $row.purchaseDate | Should -Be '2023-10-24T12:01:40.123Z'
        foreach ($name in 'originalPurchaseDate', 'expiresDate', 'signedDate') { $row.$name | Should -Match $isoUtc }
        $transaction.purchaseDate | Should -BeOfType [DateTimeOffset]
        $transaction.purchaseDate.ToUnixTimeMilliseconds() | Should -Be 1698148900123
        $transaction.purchaseDate -lt [DateTimeOffset]::UtcNow | Should -BeTrue
        # Nested objects' dates too.
        $notification = ConvertFrom-AppStoreSignedData (New-TestSignedData -Chain $chain -Payload (New-TestNotificationPayload -Chain $chain)) -TrustedRoot $root
        ($notification.data.Transaction | ConvertTo-Csv | ConvertFrom-Csv).expiresDate | Should -Match $isoUtc
    }

    It 'shows transactionId in the transaction table' {
        $text = ConvertFrom-AppStoreSignedData (New-TestTransaction -Chain $chain) -TrustedRoot $root | Format-Table | Out-String -Width 250
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^transactionId\s+productId'
        $lines[2] | Should -Match '^2000000123456789\s+com\.example\.premium\.monthly'
    }
}

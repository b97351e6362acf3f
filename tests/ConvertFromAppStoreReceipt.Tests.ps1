# ConvertFrom-AppStoreReceipt against the staged module: receipts from the pipeline, CSV rows and files, bad rows as
# errors of their own, the lookups that take a receipt, and Apple's ReceiptUtility (Node) agreeing on every
# TransactionId. The receipts are built by tests/TestReceipts.psm1 (the xUnit tests' builder) and read from
# Apple's test vectors beside the checkout when they are there.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestReceipts.psm1') -Force
    $script:cmdlet = Get-CmdletTypeName ConvertFrom-AppStoreReceipt
    $script:bought = [DateTimeOffset]::new(2024, 3, 1, 12, 0, 0, [TimeSpan]::Zero)
    $script:subscriber = [Convert]::ToBase64String((New-TestAppReceipt -Purchase @(
                (New-TestPurchase -ProductId com.example.monthly -TransactionId 2000000000000101 -OriginalTransactionId 2000000000000100 -ExpiresDate $bought.AddMonths(1)),
                (New-TestPurchase -ProductId com.example.monthly -TransactionId 2000000000000102 -OriginalTransactionId 2000000000000100 -ExpiresDate $bought.AddMonths(2)),
                (New-TestPurchase -ProductId com.example.yearly -TransactionId 2000000000000200 -OriginalTransactionId 2000000000000200 -CancellationDate $bought.AddDays(3)))))
    $script:xcode = [Convert]::ToBase64String((New-TestAppReceipt -Encoding Xcode -Purchase @(, (New-TestPurchase -TransactionId 2000000000000301 -OriginalTransactionId 2000000000000300))))
    $script:empty = [Convert]::ToBase64String((New-TestAppReceipt))
    $script:legacy = New-TestTransactionReceipt -TransactionId 1000000012345678 -OriginalTransactionId 1000000000000001
    $script:folder = New-TestFolder
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'ConvertFrom-AppStoreReceipt' {
    It 'writes one receipt object per piped string, every purchase in it' {
        $results = @($subscriber, $xcode, $empty, $legacy | ConvertFrom-AppStoreReceipt)

        $results | Should -HaveCount 4
        $results[0].PSObject.TypeNames[0] | Should -Be 'AppStoreJws.Receipts.AppStoreReceipt'
        $results.Kind | Should -Be @('App', 'App', 'App', 'Transaction')
        @($results | ForEach-Object { $_.TransactionId }) | Should -Be @('2000000000000101', '2000000000000301', $null, '1000000012345678')
        $results[0].OriginalTransactionIds | Should -Be @('2000000000000100', '2000000000000200')
        $results[3].OriginalTransactionIds | Should -Be @('1000000000000001')
        $results[0].InAppPurchases | Should -HaveCount 3
        $results[0].InAppPurchases[1].ExpiresDate | Should -Be $bought.AddMonths(2)
        $results[0].InAppPurchases[2].CancellationDate | Should -Be $bought.AddDays(3)
        $results[0].BundleId | Should -Be 'com.example.app'
        $results[0].OtherAttributes.Type | Should -Be @(4, 5, 88)
        $results | ForEach-Object { $_.IsVerified | Should -BeFalse }
    }

    It 'binds the column <_> of a CSV row' -ForEach 'Receipt', 'receipt-data', 'receipt_data', 'AppReceipt', 'TransactionReceipt' {
        $csv = Join-Path $folder "$_.csv"
        [pscustomobject]@{ customer = 'c-1'; $_ = $subscriber } | Export-Csv -LiteralPath $csv
        (Import-Csv -LiteralPath $csv | ConvertFrom-AppStoreReceipt).TransactionId | Should -Be '2000000000000101'
    }

    It 'makes each bad row its own error with a stable id naming the row, and loses none of the others' {
        $jws = 'eyJhbGciOiJFUzI1NiIsIng1YyI6W119.eyJ0cmFuc2FjdGlvbklkIjoiMSJ9.c2lnbmF0dXJl'
        $rows = $subscriber, 'not base64 %%', $jws, $subscriber.Substring(0, 400), '', $legacy
        $results = @($rows | ConvertFrom-AppStoreReceipt -ErrorVariable failed -ErrorAction SilentlyContinue)

        $results.TransactionId | Should -Be @('2000000000000101', '1000000012345678')
        $failed.FullyQualifiedErrorId | Should -Be @("ReceiptNotBase64,$cmdlet", "ReceiptIsSignedData,$cmdlet", "ReceiptTruncated,$cmdlet", "ReceiptEmpty,$cmdlet")
        $failed[0].ErrorDetails.Message | Should -BeLike "Receipt 2 ('not base64 %%', 13 characters): The receipt is not base64: it holds '%' at position 12*"
        $failed[1].Exception.Message | Should -BeLike '*this is a signed transaction*use ConvertFrom-AppStoreSignedData*'
        $failed[2].ErrorDetails.Message | Should -BeLike 'Receipt 4 (*400 characters): The receipt is cut short*'
        $failed[3].ErrorDetails.Message | Should -BeLike 'Receipt 5 (an empty receipt)*'
        $failed | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'InvalidData' }
    }

    It 'keeps the input order of receipts and errors when decoding on <_> threads' -ForEach 1, 4 {
        $rows = foreach ($i in 1..60) { if ($i % 7 -eq 0) { "bad row $i" } elseif ($i % 2) { $subscriber } else { $legacy } }
        $results = @($rows | ConvertFrom-AppStoreReceipt -ThrottleLimit $_ -ErrorVariable failed -ErrorAction SilentlyContinue)

        $expected = foreach ($i in 1..60) { if ($i % 7 -ne 0) { if ($i % 2) { 'App' } else { 'Transaction' } } }
        $results.Kind | Should -Be @($expected)
        @($failed.ErrorDetails.Message | ForEach-Object { ($_ -split ' ')[1] }) | Should -Be @('7', '14', '21', '28', '35', '42', '49', '56')
    }

    It 'gives the CSV row itself as the target of its error' {
        $row = [pscustomobject]@{ customer = 'c-9'; 'receipt-data' = 'AAAA' }
        $row | ConvertFrom-AppStoreReceipt -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].TargetObject.customer | Should -Be 'c-9'
        $failed[0].FullyQualifiedErrorId | Should -Be "ReceiptNotPkcs7,$cmdlet"
    }

    It 'refuses a receipt over 24 MiB characters before decoding it' {
        { ConvertFrom-AppStoreReceipt ('A' * (24MB + 1)) -ErrorAction Stop } | Should -Throw -ErrorId "ReceiptTooLarge,$cmdlet"
    }

    Context 'Files' {
        BeforeAll {
            $script:der = Join-Path $folder 'receipt'
            [IO.File]::WriteAllBytes($der, [Convert]::FromBase64String($subscriber))
            $script:bracketed = Join-Path $folder 'receipt [2].txt'
            [IO.File]::WriteAllText($bracketed, $legacy)
            $script:large = Join-Path $folder 'large.bin'
            $stream = [IO.File]::Create($large)
            $stream.SetLength(25MB)
            $stream.Dispose()
        }

        It 'reads raw DER with -Path and base64 text with -LiteralPath, a bracket in its name' {
            (ConvertFrom-AppStoreReceipt -Path $der).TransactionId | Should -Be '2000000000000101'
            (ConvertFrom-AppStoreReceipt -LiteralPath $bracketed).TransactionId | Should -Be '1000000012345678'
        }

        It 'takes a bracket in -Path as a wildcard, and says to use -LiteralPath when nothing matches' {
            { ConvertFrom-AppStoreReceipt -Path $bracketed -ErrorAction Stop } | Should -Throw -ErrorId "ReceiptPathNoMatch,$cmdlet"
            (ConvertFrom-AppStoreReceipt -Path (Join-Path $folder 'receip?')).TransactionId | Should -Be '2000000000000101'
        }

        It 'binds Get-ChildItem output, each file its own receipt' {
            $results = @(Get-ChildItem -LiteralPath $der, $bracketed | ConvertFrom-AppStoreReceipt)
            $results.TransactionId | Should -Be @('2000000000000101', '1000000012345678')
        }

        It 'refuses a file over the limit without reading it, and names a missing file' {
            { ConvertFrom-AppStoreReceipt -LiteralPath $large -ErrorAction Stop } | Should -Throw -ErrorId "ReceiptTooLarge,$cmdlet"
            { ConvertFrom-AppStoreReceipt -LiteralPath (Join-Path $folder 'missing') -ErrorAction Stop } | Should -Throw -ErrorId "ReceiptFileNotReadable,$cmdlet"
        }

        It 'reads Apple''s vectors as Apple''s ReceiptUtility does' {
            $apple = Get-AppleTestData
            if (-not $apple) { Set-ItResult -Skipped -Because "Apple's test vectors are not beside this checkout"; return }
            $vectors = Join-Path $apple 'apple-test-vectors'
            $results = @(ConvertFrom-AppStoreReceipt -LiteralPath (Join-Path $vectors 'xcode/xcode-app-receipt-empty'), (Join-Path $vectors 'xcode/xcode-app-receipt-with-transaction'), (Join-Path $vectors 'mock_signed_data/legacyTransaction'))
            $results | Should -HaveCount 3
            $results[0].TransactionId | Should -BeNullOrEmpty
            $results[1].TransactionId | Should -Be '0'
            $results[2].TransactionId | Should -Be '33993399'
        }
    }

    Context 'Dates in CSV' {
        BeforeAll {
            $script:savedCulture = [cultureinfo]::CurrentCulture
            $script:isoUtc = '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$'
        }
        AfterEach { [cultureinfo]::CurrentCulture = $savedCulture }

        It 'Export-Csv writes a receipt''s dates and its purchases'' dates in ISO 8601 UTC in <_>' -ForEach 'de-DE', 'ar-SA', 'th-TH' {
            [cultureinfo]::CurrentCulture = $_
            $receipt = ConvertFrom-AppStoreReceipt $subscriber
            $row = $receipt | ConvertTo-Csv | ConvertFrom-Csv
            $row.ReceiptCreationDate | Should -Match $isoUtc
            [DateTimeOffset]::Parse($row.ReceiptCreationDate, [cultureinfo]::InvariantCulture) | Should -Be $receipt.ReceiptCreationDate

            $rows = @($subscriber | ConvertFrom-AppStoreReceipt | Select-Object -ExpandProperty InAppPurchases | ConvertTo-Csv | ConvertFrom-Csv)
            $rows | Should -HaveCount 3
            $rows.PurchaseDate | ForEach-Object { $_ | Should -Match $isoUtc }
            $rows.OriginalPurchaseDate | ForEach-Object { $_ | Should -Match $isoUtc }
            $rows[0].ExpiresDate | Should -Be ($bought.AddMonths(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture))
            $rows[2].CancellationDate | Should -Be ($bought.AddDays(3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture))
            $rows[2].ExpiresDate | Should -BeNullOrEmpty
        }

        It 'a CSV written in de-DE reads back as the same dates in an invariant session' {
            $file = Join-Path $folder 'purchases.csv'
            [cultureinfo]::CurrentCulture = 'de-DE'
            $purchases = (ConvertFrom-AppStoreReceipt $subscriber).InAppPurchases
            $purchases | Export-Csv -LiteralPath $file
            [cultureinfo]::CurrentCulture = [cultureinfo]::InvariantCulture
            $rows = @(Import-Csv -LiteralPath $file)
            [DateTimeOffset]$rows[1].ExpiresDate | Should -Be $bought.AddMonths(2)
            [DateTimeOffset]$rows[1].PurchaseDate | Should -Be $purchases[1].PurchaseDate
        }

        It 'leaves the dates DateTimeOffset for scripts' {
            $receipt = ConvertFrom-AppStoreReceipt $subscriber
            $receipt.ReceiptCreationDate | Should -BeOfType [DateTimeOffset]
            $receipt.InAppPurchases[1].ExpiresDate | Should -BeOfType [DateTimeOffset]
            $receipt.InAppPurchases[1].ExpiresDate -gt $receipt.InAppPurchases[0].ExpiresDate | Should -BeTrue
            $receipt.InAppPurchases[0].CancellationDate | Should -BeNullOrEmpty
            $receipt.ReceiptExpirationDate | Should -BeNullOrEmpty
        }
    }

    It 'refuses private key text given as a receipt in the order of its row, and decodes the rows around it on <_> threads' -ForEach 1, 4 {
        $pem = New-TestKeyPem
        $body = (($pem -split "`n") | Where-Object { $_ -and $_ -notmatch '^-----' }) -join ''
        $rows = foreach ($i in 1..40) { if ($i % 10 -eq 3) { $pem } elseif ($i % 10 -eq 6) { $body } else { $subscriber } }
        $all = @($rows | ConvertFrom-AppStoreReceipt -ThrottleLimit $_ -ErrorAction Continue 2>&1)

        $all | Should -HaveCount 40
        $failed = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @(for ($i = 0; $i -lt $all.Count; $i++) { if ($all[$i] -is [System.Management.Automation.ErrorRecord]) { $i + 1 } }) | Should -Be @(3, 6, 13, 16, 23, 26, 33, 36)
        @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }).TransactionId | Should -Be @(@('2000000000000101') * 32)
        $failed | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -Be "KeyTextInParameter,$cmdlet"
            $_.TargetObject | Should -BeNullOrEmpty
            "$_" | Should -BeLike '*looks like the text of a private key, which -Receipt does not take*'
            "$_" | Should -Not -BeLike "*$($body.Substring(10, 20))*"
        }
    }

    It 'shows a receipt as a table row and its purchases as a table' {
        $receipt = ConvertFrom-AppStoreReceipt $subscriber
        $text = $receipt | Out-String -Width 200
        $text | Should -Match 'Kind\s+BundleId\s+ReceiptCreationDate\s+Purchases\s+TransactionId'
        $text | Should -Match 'App\s+com\.example\.app\s.*\s3\s+2000000000000101\s+2000000000000100, 2000000000000200'
        ($receipt.InAppPurchases | Out-String -Width 200) | Should -Match 'ProductId\s+TransactionId\s+OriginalTransactionId\s+PurchaseDate\s+ExpiresDate\s+CancellationDate'
    }
}

Describe 'Receipts piped to the App Store Server API lookups' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
    }

    AfterAll {
        Stop-TestServerApi $server
    }

    It 'looks up each original transaction ID of each receipt once, in one pipeline' {
        $results = @($subscriber, $xcode | ConvertFrom-AppStoreReceipt | Get-AppStoreSubscriptionStatus @api)

        # The test server answers two subscriptions per ID, their originalTransactionId '<id>-<group>'.
        $results | Should -HaveCount 6
        @($results.originalTransactionId -replace '-\d+$' | Select-Object -Unique) | Should -Be @('2000000000000100', '2000000000000200', '2000000000000300')
        foreach ($id in '2000000000000100', '2000000000000200', '2000000000000300') {
            Get-SentTo $server "/inApps/v1/subscriptions/$id" | Should -HaveCount 1
        }
        Get-SentTo $server '/inApps/v1/subscriptions/2000000000000101' | Should -HaveCount 0
    }

    It 'still reads a plain ID or a CSV row as before' {
        @('2000000000000900' | Get-AppStoreSubscriptionStatus @api) | Should -HaveCount 2
        @([pscustomobject]@{ originalTransactionId = '2000000000000901' } | Get-AppStoreSubscriptionStatus @api) | Should -HaveCount 2
    }

    It 'makes a receipt without purchases an error of its own, sends nothing for it, and goes on with the next' {
        $before = @(Get-ServerRequests $server).Count
        $results = @($empty, $xcode | ConvertFrom-AppStoreReceipt | Get-AppStoreSubscriptionStatus @api -ErrorVariable failed -ErrorAction SilentlyContinue)
        $results | Should -HaveCount 2
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ReceiptHasNoTransactionId,AppStoreJws.Commands.GetAppStoreSubscriptionStatusCommand'
        $failed[0].Exception.Message | Should -BeLike '*holds no transaction ID*'
        $failed[0].TargetObject.Kind | Should -Be 'App'
        @(Get-ServerRequests $server).Count | Should -Be ($before + 1)
    }

    It 'binds the receipt''s TransactionId in the other lookups' {
        Get-AppStoreTransaction -TransactionId 0 @api -ErrorAction SilentlyContinue | Out-Null
        $receipt = ConvertFrom-AppStoreReceipt $xcode
        @($receipt | Get-AppStoreTransaction @api) | Should -HaveCount 1
        Get-SentTo $server '/inApps/v1/transactions/2000000000000301' | Should -HaveCount 1
    }
}

Describe 'Interop: Apple''s ReceiptUtility (Node, @apple/app-store-server-library 3.1.0)' {
    BeforeAll {
        $script:cases = @(Get-TestReceiptCase)
        $appleData = Get-AppleTestData
        if ($appleData) {
            $vectors = Join-Path $appleData 'apple-test-vectors'
            $script:cases += @{ Name = 'Apple xcode-app-receipt-empty'; Kind = 'App'; Receipt = Get-Content -Raw -LiteralPath (Join-Path $vectors 'xcode/xcode-app-receipt-empty') }
            $script:cases += @{ Name = 'Apple xcode-app-receipt-with-transaction'; Kind = 'App'; Receipt = Get-Content -Raw -LiteralPath (Join-Path $vectors 'xcode/xcode-app-receipt-with-transaction') }
            $script:cases += @{ Name = 'Apple legacyTransaction'; Kind = 'Transaction'; Receipt = Get-Content -Raw -LiteralPath (Join-Path $vectors 'mock_signed_data/legacyTransaction') }
        }
        $request = @{ items = @($cases | ForEach-Object { @{ kind = $_.Kind; receipt = $_.Receipt } }) } | ConvertTo-Json -Depth 5 -Compress
        $output = $request | node (Join-Path $PSScriptRoot 'interop/receipts.mjs') transaction-ids
        $LASTEXITCODE | Should -Be 0
        $script:apple = $output | ConvertFrom-Json -AsHashtable
        $script:ours = @($cases.Receipt | ConvertFrom-AppStoreReceipt)
    }

    It 'runs Apple''s utility with the jsrsasign Apple pins' {
        $apple.library | Should -Be '3.1.0'
        $apple.jsrsasign | Should -Be '11.1.1'
    }

    It 'decodes every receipt' {
        $ours | Should -HaveCount $cases.Count
        if (Get-AppleTestData) { $cases.Count | Should -Be 35 } else { $cases.Count | Should -Be 32 }
    }

    It 'gives the TransactionId Apple gives, for every receipt Apple reads' {
        $compared = 0
        for ($i = 0; $i -lt $cases.Count; $i++) {
            $answer = $apple.results[$i]
            if ($answer.error) { continue }
            $ours[$i].TransactionId | Should -Be $answer.transactionId -Because $cases[$i].Name
            $ours[$i].Kind | Should -Be $cases[$i].Kind
            $compared++
        }
        # Apple's utility reads DER and Xcode's own layout; it throws on the 12 built receipts in BER with every length
        # indefinite. Apple's 3 vectors count only where they are beside the checkout.
        $compared | Should -Be ($cases.Count - 12)
    }

    It 'reads the BER receipts Apple''s utility throws on, and finds in them what Apple finds in the same receipt in DER' {
        $thrown = 0
        for ($i = 0; $i -lt $cases.Count; $i++) {
            if (-not $apple.results[$i].error) { continue }
            $thrown++
            $cases[$i].Name | Should -Match ', Indefinite' -Because "Apple's utility throws only on BER with every length indefinite ($($apple.results[$i].error))"
            $der = [array]::IndexOf([string[]]$cases.Name, ($cases[$i].Name -replace ', Indefinite(Segmented)?$', ', Der'))
            $apple.results[$der].error | Should -BeNullOrEmpty
            $ours[$i].TransactionId | Should -Be $apple.results[$der].transactionId -Because $cases[$i].Name
        }
        $thrown | Should -Be 12
    }
}

# Receipts for the Pester, interop, docs and bench scripts, built by the same code the xUnit tests use
# (tests/AppStoreJws.Core.Tests/TestReceipts.cs, compiled here with Add-Type): app receipts in DER and BER with
# indefinite lengths, one to many purchases, unknown attributes, subscriptions; and legacy transaction receipts.
Set-StrictMode -Version Latest

if (-not ('AppStoreJws.TestData.TestReceipts' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'AppStoreJws.Core.Tests/TestReceipts.cs')
}

$script:Bought = [DateTimeOffset]::new(2024, 3, 1, 12, 0, 0, [TimeSpan]::Zero)

function New-TestPurchase {
    <# One in-app purchase (the value of a receipt's attribute 17). #>
    param(
        [string] $ProductId = 'com.example.monthly',
        [AllowNull()] [string] $TransactionId,
        [AllowNull()] [string] $OriginalTransactionId,
        [DateTimeOffset] $PurchaseDate = $script:Bought,
        [Nullable[DateTimeOffset]] $ExpiresDate,
        [Nullable[DateTimeOffset]] $CancellationDate,
        [Nullable[long]] $WebOrderLineItemId,
        [Nullable[bool]] $IsTrialPeriod
    )
    , [AppStoreJws.TestData.TestReceipts]::Purchase($ProductId, $(if ($TransactionId) { $TransactionId } else { [NullString]::Value }),
        $(if ($OriginalTransactionId) { $OriginalTransactionId } else { [NullString]::Value }), $PurchaseDate, $ExpiresDate, $CancellationDate,
        $WebOrderLineItemId, $IsTrialPeriod, $null, 1, [System.Collections.Generic.KeyValuePair[int, byte[]][]]@())
}

function New-TestAppReceipt {
    <# An app receipt's bytes: the purchases (from New-TestPurchase) in a receipt set inside PKCS#7, encoded as asked. #>
    param(
        [byte[][]] $Purchase = @(),
        [string] $BundleId = 'com.example.app',
        [ValidateSet('Der', 'DerWrapped', 'Indefinite', 'IndefiniteSegmented', 'Xcode')] [string] $Encoding = 'Der'
    )
    $set = [AppStoreJws.TestData.TestReceipts]::ReceiptSet($BundleId, [byte[][]]$Purchase, 'ProductionSandbox', $null,
        [System.Collections.Generic.KeyValuePair[int, byte[]][]]@([AppStoreJws.TestData.TestReceipts]::Attribute(88, [AppStoreJws.TestData.TestReceipts]::Utf8('later'))))
    , [AppStoreJws.TestData.TestReceipts]::AppReceipt($set, $Encoding)
}

function New-TestTransactionReceipt {
    <# A legacy transaction receipt's base64, as SKPaymentTransaction.transactionReceipt held it. #>
    param([string] $TransactionId = '1000000012345678', [string] $OriginalTransactionId, [string] $ProductId = 'com.example.coins')
    [Convert]::ToBase64String([AppStoreJws.TestData.TestReceipts]::TransactionReceipt($TransactionId, $(if ($OriginalTransactionId) { $OriginalTransactionId } else { [NullString]::Value }), $ProductId, $script:Bought, 'Sandbox'))
}

function Get-TestReceiptCase {
    <#
    Every built receipt the interop test compares with Apple's ReceiptUtility, as @{ Name; Kind; Receipt (base64) }:
    each encoding with none, one and many purchases; purchases without IDs first; an original transaction ID before
    the transaction ID; subscriptions with expiry and cancellation; and transaction receipts.
    #>
    $many = foreach ($i in 0..39) {
        New-TestPurchase -ProductId "com.example.tier$($i % 3)" -TransactionId "$(2000000000000100 + $i)" -OriginalTransactionId "$(2000000000000000 + $i % 3)" `
            -PurchaseDate $script:Bought.AddMonths($i) -ExpiresDate $script:Bought.AddMonths($i + 1) -CancellationDate $(if ($i -eq 7) { $script:Bought.AddMonths($i).AddDays(3) } else { $null }) -WebOrderLineItemId (2000000099999999 + $i)
    }
    $shapes = [ordered]@{
        'no purchases'                 = @()
        'one purchase'                 = @(New-TestPurchase -ProductId com.example.lifetime -TransactionId 1000000000000001 -OriginalTransactionId 1000000000000001)
        '40 subscription renewals'     = @($many)
        'first purchase without IDs'   = @((New-TestPurchase -ProductId com.example.a), (New-TestPurchase -ProductId com.example.b -TransactionId 3001 -OriginalTransactionId 3000))
        'original ID only'             = @(New-TestPurchase -ProductId com.example.a -OriginalTransactionId 4000)
        'original ID before the ID'    = @(, [AppStoreJws.TestData.TestReceipts]::Set([System.Collections.Generic.KeyValuePair[int, byte[]][]]@(
                    [AppStoreJws.TestData.TestReceipts]::Attribute(1702, [AppStoreJws.TestData.TestReceipts]::Utf8('com.example.b')),
                    [AppStoreJws.TestData.TestReceipts]::Attribute(1705, [AppStoreJws.TestData.TestReceipts]::Utf8('5000')),
                    [AppStoreJws.TestData.TestReceipts]::Attribute(1703, [AppStoreJws.TestData.TestReceipts]::Utf8('5001')))))
    }
    foreach ($encoding in 'Der', 'DerWrapped', 'Indefinite', 'IndefiniteSegmented', 'Xcode') {
        foreach ($shape in $shapes.Keys) {
            @{ Name = "$shape, $encoding"; Kind = 'App'; Receipt = [Convert]::ToBase64String((New-TestAppReceipt -Purchase $shapes[$shape] -Encoding $encoding)) }
        }
    }
    @{ Name = 'transaction receipt'; Kind = 'Transaction'; Receipt = (New-TestTransactionReceipt -TransactionId 1000000087654321 -OriginalTransactionId 1000000011111111) }
    @{ Name = 'transaction receipt, same original'; Kind = 'Transaction'; Receipt = (New-TestTransactionReceipt -TransactionId 1000000022222222) }
}

function New-TestReceiptExampleFile {
    <#
    The files the receipt docs pages read, written into -Folder: receipts.csv (customer, receipt-data: two app receipts
    with subscriptions and a transaction receipt, as a verifyReceipt-era database kept them), receipt (an app receipt
    as raw DER, as an app bundle holds it) and receipt.txt (the same receipt as base64).
    #>
    param([Parameter(Mandatory)] [string] $Folder)
    $first = New-TestAppReceipt -Purchase @(
        (New-TestPurchase -ProductId com.example.premium.monthly -TransactionId 2000000000000101 -OriginalTransactionId 2000000000000100 -ExpiresDate $script:Bought.AddMonths(1) -WebOrderLineItemId 2000000000000900),
        (New-TestPurchase -ProductId com.example.premium.monthly -TransactionId 2000000000000102 -OriginalTransactionId 2000000000000100 -PurchaseDate $script:Bought.AddMonths(1) -ExpiresDate $script:Bought.AddMonths(2) -WebOrderLineItemId 2000000000000901),
        (New-TestPurchase -ProductId com.example.extra.yearly -TransactionId 2000000000000200 -OriginalTransactionId 2000000000000200 -ExpiresDate $script:Bought.AddYears(1) -CancellationDate $script:Bought.AddDays(20)))
    $second = New-TestAppReceipt -Encoding Xcode -Purchase @(, (New-TestPurchase -ProductId com.example.premium.monthly -TransactionId 2000000000000301 -OriginalTransactionId 2000000000000300 -ExpiresDate $script:Bought.AddMonths(1) -IsTrialPeriod $true))
    $rows = @(
        [pscustomobject]@{ customer = 'c-1001'; 'receipt-data' = [Convert]::ToBase64String($first) }
        [pscustomobject]@{ customer = 'c-1002'; 'receipt-data' = [Convert]::ToBase64String($second) }
        [pscustomobject]@{ customer = 'c-1003'; 'receipt-data' = (New-TestTransactionReceipt -TransactionId 1000000012345678) }
    )
    $rows | Export-Csv -LiteralPath (Join-Path $Folder 'receipts.csv')
    [IO.File]::WriteAllBytes((Join-Path $Folder 'receipt'), $first)
    [IO.File]::WriteAllText((Join-Path $Folder 'receipt.txt'), [Convert]::ToBase64String($first))
}

Export-ModuleMember -Function New-TestPurchase, New-TestAppReceipt, New-TestTransactionReceipt, Get-TestReceiptCase, New-TestReceiptExampleFile

# Get-AppStoreTransaction against tests/interop/server-api.mjs: verified, decoded transactions and an error per row
# that does not verify.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app

    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    $script:chain = New-TestAppleChain
    $script:otherChain = New-TestAppleChain -Name 'Someone Else'
    $signed = @{
        '2000000000000500' = New-TestSignedData -Chain $chain -Payload (New-TestTransactionPayload -Environment Production -Change @{ transactionId = '2000000000000500'; appAppleId = 1234567890 })
        '2000000000000501' = New-TestSignedData -Chain $otherChain -Payload (New-TestTransactionPayload -Environment Production -Change @{ transactionId = '2000000000000501'; appAppleId = 1234567890 })
    }
    $script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -SignedTransactions $signed
    $script:api = @{ Key = $key; BaseUri = $server.BaseUri }
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Get-AppStoreTransaction' {
    It 'returns the verified, decoded transaction for ids from CSV rows, and an error for one whose chain is not trusted' {
        $rows = "transactionId`n2000000000000500`n2000000000000501`n4040010" | ConvertFrom-Csv
        $results = $rows | Get-AppStoreTransaction @api -TrustedRoot $chain.Root -AppAppleId 1234567890 -ErrorVariable failures -ErrorAction SilentlyContinue
        @($results) | Should -HaveCount 1
        $results.transactionId | Should -Be '2000000000000500'
        $results.price | Should -Be 4990
        $results.purchaseDate | Should -BeOfType [DateTimeOffset]
        $failures | Should -HaveCount 2
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidChain*'
        $failures[1].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotFound,*'
    }
}

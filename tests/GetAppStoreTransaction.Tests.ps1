# Get-AppStoreTransaction against tests/interop/server-api.mjs: verified, decoded transactions and an error per row
# that does not verify.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.TestSetup.ps1')
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

# Get-AppStoreAppTransaction against tests/interop/server-api.mjs serving data signed by the test PKI.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Get-AppStoreAppTransaction' {
    It 'Get-AppStoreAppTransaction binds appTransactionId and returns the decoded app transaction' {
        $result = [pscustomobject]@{ appTransactionId = '704289572311355393' } | Get-AppStoreAppTransaction @api
        $result.PSObject.TypeNames[0] | Should -Be 'AppStoreJws.SignedData.AppTransaction'
        $result.appTransactionId | Should -Be '704289572311355393'
        $result.originalPurchaseDate | Should -BeOfType [DateTimeOffset]
        (Get-SentTo $server '/inApps/v1/transactions/appTransactions/704289572311355393') | Should -HaveCount 1
    }
}

# Get-AppStoreOrder against tests/interop/server-api.mjs serving data signed by the test PKI.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Get-AppStoreOrder' {
    It 'Get-AppStoreOrder writes each verified transaction of a valid order' {
        $results = [pscustomobject]@{ order_id = 'MQ7Y9ZZ2G1' } | Get-AppStoreOrder @api
        @($results).productId | Should -Be @('com.example.item0', 'com.example.item1')
    }

    It 'Get-AppStoreOrder reports InvalidOrderId for an order Apple calls invalid' {
        $results = Get-AppStoreOrder invalid-order @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidOrderId,*'
        $failures[0].TargetObject | Should -Be 'invalid-order'
    }
}

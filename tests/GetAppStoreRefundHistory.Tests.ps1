# Get-AppStoreRefundHistory against tests/interop/server-api.mjs serving data signed by the test PKI: paging through every refund.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Get-AppStoreRefundHistory' {
    It 'pages through every refund with revision' {
        $results = [pscustomobject]@{ transaction_id = '2000000000000020' } | Get-AppStoreRefundHistory @api
        @($results).transactionId | Should -Be @('2000000000000020-refund-0', '2000000000000020-refund-1')
        $results[0].revocationDate | Should -BeOfType [DateTimeOffset]
        $sent = Get-SentTo $server '/inApps/v2/refund/lookup/2000000000000020'
        Get-QueryText $sent[1] | Should -Be @('revision=refund-2')
    }
}

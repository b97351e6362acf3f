# Set-AppStoreAppAccountToken against tests/interop/server-api.mjs: the PUT it sends and Apple's refusal for a row.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.TestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Set-AppStoreAppAccountToken' {
    It 'Set-AppStoreAppAccountToken binds originalTransactionId from CSV rows and PUTs the token' {
        $rows = "originalTransactionId,appAccountToken`n2000000000000101,7389a31a-fb6d-4569-a2a6-db7d85d84813" | ConvertFrom-Csv
        $rows | Set-AppStoreAppAccountToken @api -Confirm:$false
        $sent = (Get-ServerRequests $server) | Where-Object path -EQ '/inApps/v1/transactions/2000000000000101/appAccountToken'
        $sent.method | Should -Be 'PUT'
        $sent.body.appAccountToken | Should -Be '7389a31a-fb6d-4569-a2a6-db7d85d84813'
    }

    It 'Set-AppStoreAppAccountToken reports OriginalTransactionIdNotFound for that row' {
        Set-AppStoreAppAccountToken @api -OriginalTransactionId 4040005 -AppAccountToken ([guid]::NewGuid()) -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OriginalTransactionIdNotFound,*'
        $failures[0].TargetObject | Should -Be '4040005'
    }
}

# Get-AppStoreTestNotificationStatus against tests/interop/server-api.mjs.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Get-AppStoreTestNotificationStatus' {
    It 'Get-AppStoreTestNotificationStatus binds the token from Send-AppStoreTestNotification' {
        $sent = Send-AppStoreTestNotification @api -Confirm:$false
        $null = $sent | Get-AppStoreTestNotificationStatus @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TestNotificationNotFound,*'
        ($sent | Get-AppStoreTestNotificationStatus @api).notificationType | Should -Be 'TEST'
    }
}

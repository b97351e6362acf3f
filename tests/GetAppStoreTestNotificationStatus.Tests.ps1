# Get-AppStoreTestNotificationStatus against tests/interop/server-api.mjs.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    $script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:chain = New-TestAppleChain
    $script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain
    $script:api = @{ Key = $key; BaseUri = $server.BaseUri; TrustedRoot = $chain.Root; AppAppleId = 1234567890 }
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

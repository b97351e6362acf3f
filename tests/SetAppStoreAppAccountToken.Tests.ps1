# Set-AppStoreAppAccountToken against tests/interop/server-api.mjs: the PUT it sends and Apple's refusal for a row.

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

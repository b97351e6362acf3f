# The setup the Server API cmdlets' test files share, dot-sourced in their BeforeAll: a key, two test chains (one
# trusted, one not), a transaction signed by each, and the loopback test server that answers with them. The
# caller stops the server in its AfterAll (Stop-TestServerApi $server).
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

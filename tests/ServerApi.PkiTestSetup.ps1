# The setup of the Server API cmdlets' test files whose server signs its answers with a test chain shaped like
# Apple's: a key, the chain, the loopback test server, and $api, the parameters every call passes (the chain's root
# as -TrustedRoot). Dot-sourced in their BeforeAll; the caller stops the server in its AfterAll (Stop-TestServerApi $server).
Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
$script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
$script:chain = New-TestAppleChain
$script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain
$script:api = @{ Key = $key; BaseUri = $server.BaseUri; TrustedRoot = $chain.Root; AppAppleId = 1234567890 }

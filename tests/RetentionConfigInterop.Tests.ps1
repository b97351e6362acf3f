# The module and Apple's Node client (@apple/app-store-server-library 3.1.0) send the same requests for the Retention
# Messaging configuration endpoints: default messages, the real-time URL and the performance test (method, path, query,
# content type and body, JSON compared as values). Apple's side is recorded by tests/interop/apple-client-requests.mjs,
# the module's by the test server (tests/interop/server-api.mjs), whatever it answers.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AppleClientRequests.psm1') -Force
    $script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem
    $script:read = @{ Key = $key; BaseUri = $server.BaseUri; ErrorAction = 'SilentlyContinue' }
    $script:api = $read + @{ Confirm = $false }
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Requests: the module and Apple''s Node client, Retention Messaging configuration' {
    It 'for <Name>' -ForEach @(
        @{
            Name  = 'Configure Default Message'
            Ours  = { Set-AppStoreRetentionDefaultMessage @api -ProductId com.example.premium.monthly -Locale en-US -MessageIdentifier 'C1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C01' }
            Apple = @(@{ method = 'configureDefaultMessage'; args = @('com.example.premium.monthly', 'en-US', [ordered]@{ messageIdentifier = 'c1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01' }) })
        }
        @{
            Name  = 'Configure Default Message, rows of a CSV'
            Ours  = { "productId,locale,messageIdentifier`ncom.example.a,zh-Hans,c1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02`ncom.example.b,pt-BR,C1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C03" | ConvertFrom-Csv | Set-AppStoreRetentionDefaultMessage @api }
            Apple = @(
                @{ method = 'configureDefaultMessage'; args = @('com.example.a', 'zh-Hans', [ordered]@{ messageIdentifier = 'c1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02' }) }
                @{ method = 'configureDefaultMessage'; args = @('com.example.b', 'pt-BR', [ordered]@{ messageIdentifier = 'c1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c03' }) })
        }
        @{ Name = 'Get Default Message'; Ours = { Get-AppStoreRetentionDefaultMessage @read -ProductId com.example.premium.monthly -Locale de-DE }; Apple = @(@{ method = 'getDefaultMessage'; args = @('com.example.premium.monthly', 'de-DE') }) }
        @{ Name = 'Delete Default Message'; Ours = { Remove-AppStoreRetentionDefaultMessage @api -ProductId com.example.premium.monthly -Locale ja }; Apple = @(@{ method = 'deleteDefaultMessage'; args = @('com.example.premium.monthly', 'ja') }) }
        @{
            Name  = 'Configure Realtime URL'
            Ours  = { Set-AppStoreRetentionRealtimeUrl @api -Url 'https://retention.example.com/apple/realtime?app=1' }
            Apple = @(@{ method = 'configureRealtimeURL'; args = @([ordered]@{ realtimeURL = 'https://retention.example.com/apple/realtime?app=1' }) })
        }
        @{ Name = 'Get Realtime URL'; Ours = { Get-AppStoreRetentionRealtimeUrl @read }; Apple = @(@{ method = 'getRealtimeURL' }) }
        @{ Name = 'Delete Realtime URL'; Ours = { Remove-AppStoreRetentionRealtimeUrl @api }; Apple = @(@{ method = 'deleteRealtimeURL' }) }
        @{
            Name  = 'Initiate Performance Test'
            Ours  = { Start-AppStoreRetentionPerformanceTest @api -OriginalTransactionId 2000000000000101 }
            Apple = @(@{ method = 'initiatePerformanceTest'; args = @([ordered]@{ originalTransactionId = '2000000000000101' }) })
        }
        @{
            Name  = 'Get Performance Test Results'
            Ours  = { Get-AppStoreRetentionPerformanceTestResult @read -RequestId 'b2c3d4e5-0000-4000-8000-000000000002' }
            Apple = @(@{ method = 'getPerformanceTestResults'; args = @('b2c3d4e5-0000-4000-8000-000000000002') })
        }
    ) {
        $apple = @(Invoke-AppleClientRequests -Calls $Apple | ConvertTo-ComparableRequest)
        $ours = @(Get-RecordedRequests -Server $server -Action $Ours | ConvertTo-ComparableRequest)
        $apple.Count | Should -Be $Apple.Count
        $ours | Should -Be $apple
    }
}

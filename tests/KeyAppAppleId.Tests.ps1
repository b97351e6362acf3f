# The key and the app go together: a key loaded with the app's Apple ID gives it to the Server API cmdlets, which
# check production data against it, as they take the bundle ID from the key.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.TestSetup.ps1')
    $script:folder = New-TestFolder
}

AfterAll {
    Stop-TestServerApi $server
    Remove-TestFolder $folder
}

Describe 'A key that carries the app''s Apple ID' {
    It 'Get-AppStoreKey -AppAppleId puts it on the key, and the key''s list view shows it' {
        $withApp = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app -AppAppleId 1234567890
        $withApp.AppAppleId | Should -Be 1234567890
        ($withApp | Out-String) | Should -Match 'AppAppleId\s*:\s*1234567890'
        (Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34).AppAppleId | Should -BeNullOrEmpty
    }

    It 'New-AppStoreTestKey -AppAppleId puts it on the key' {
        $testKey = New-AppStoreTestKey -Folder $folder -BundleId com.example.app -AppAppleId 42 -Confirm:$false
        $testKey.AppAppleId | Should -Be 42
    }

    It 'refuses an Apple ID that is not positive' {
        { Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -AppAppleId 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'a production lookup takes the Apple ID from the key when -AppAppleId is not given' {
        $withApp = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app -AppAppleId 1234567890
        $result = Get-AppStoreTransaction -Key $withApp -BaseUri $server.BaseUri -TrustedRoot $chain.Root -TransactionId 2000000000000500 -Environment Production
        $result.transactionId | Should -Be '2000000000000500'

        # Without it on the key, production data cannot be tied to the app.
        { Get-AppStoreTransaction -Key $key -BaseUri $server.BaseUri -TrustedRoot $chain.Root -TransactionId 2000000000000500 -Environment Production -ErrorAction Stop } |
            Should -Throw -ErrorId 'AppAppleIdRequired,*'
    }

    It 'the verifying cmdlets take the bundle ID and the Apple ID from -Key' {
        $withApp = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app -AppAppleId 1234567890
        $signed = New-TestSignedData -Chain $chain -Payload (New-TestTransactionPayload -Environment Production -Change @{ transactionId = '2000000000000777'; appAppleId = 1234567890 })
        ($signed | ConvertFrom-AppStoreSignedData -Key $withApp -Environment Production -TrustedRoot $chain.Root).transactionId | Should -Be '2000000000000777'
        ($signed | Test-AppStoreSignedData -Key $withApp -Environment Production -TrustedRoot $chain.Root).IsValid | Should -BeTrue

        # Without the key, production data names no app to check against.
        { $signed | ConvertFrom-AppStoreSignedData -Environment Production -TrustedRoot $chain.Root -ErrorAction Stop } | Should -Throw -ErrorId 'AppAppleIdRequired,*'
        { $signed | ConvertFrom-AppStoreSignedData -Environment Production -AppAppleId 1234567890 -TrustedRoot $chain.Root -ErrorAction Stop } | Should -Throw -ErrorId 'BundleIdRequired,*'
        # A key of another app refuses the data.
        $otherApp = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.other -AppAppleId 1234567890
        $null = $signed | ConvertFrom-AppStoreSignedData -Key $otherApp -Environment Production -TrustedRoot $chain.Root -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAppIdentifier,*'
    }
}

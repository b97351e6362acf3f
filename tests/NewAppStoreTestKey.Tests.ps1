BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:folder = New-TestFolder
    $script:cmdlet = Get-CmdletTypeName New-AppStoreTestKey
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'New-AppStoreTestKey' {
    It 'writes AuthKey_<KEYID>.p8 as App Store Connect does and returns it loaded' {
        $key = New-AppStoreTestKey -Folder $folder -IssuerId (Get-TestIssuerId) -BundleId com.example.test
        $key.KeyId | Should -MatchExactly '^[A-Z0-9]{10}$'
        $path = Join-Path $folder "AuthKey_$($key.KeyId).p8"
        $key.Source | Should -Be $path
        $key.IssuerId | Should -Be (Get-TestIssuerId)
        $key.BundleId | Should -Be 'com.example.test'
        $key.Format | Should -Be 'PKCS#8 PEM'

        $bytes = [IO.File]::ReadAllBytes($path)
        $bytes[0..2] | Should -Not -Be @(0xEF, 0xBB, 0xBF)
        $text = [Text.Encoding]::UTF8.GetString($bytes)
        $text | Should -Match '^-----BEGIN PRIVATE KEY-----\n'
        $text | Should -Not -Match "`r"

        # .NET reads it back as the same P-256 key, and the PKCS#8 carries the public point (SEC1 [1]).
        $ecdsa = [Security.Cryptography.ECDsa]::Create()
        $ecdsa.ImportFromPem($text)
        $ecdsa.KeySize | Should -Be 256
        $ecdsa.ExportSubjectPublicKeyInfoPem().Replace("`r", '') | Should -Be $key.PublicKeyPem
        "$(openssl pkey -in $path -noout -text 2>&1)" | Should -Match 'pub:'
    }

    It 'makes the file readable by its owner only' -Skip:$IsWindows {
        $key = New-AppStoreTestKey -Folder $folder
        (Get-Item (Join-Path $folder "AuthKey_$($key.KeyId).p8")).UnixMode | Should -Be '-rw-------'
    }

    It 'signs tokens that verify with its public key' {
        $key = New-AppStoreTestKey -Folder $folder -KeyId TESTKEY001 -IssuerId (Get-TestIssuerId) -BundleId com.example.test
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o
        Test-Es256Signature -Token $jws.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
        (Get-JwsPart $jws.Token).Header.kid | Should -Be 'TESTKEY001'
    }

    It 'refuses to replace an existing file without -Force, and replaces it with -Force' {
        $first = New-AppStoreTestKey -Folder $folder -KeyId TESTKEY002
        { New-AppStoreTestKey -Folder $folder -KeyId TESTKEY002 } | Should -Throw -ErrorId "TestKeyFileExists,$cmdlet"
        (Get-AppStoreKey (Join-Path $folder 'AuthKey_TESTKEY002.p8')).Thumbprint | Should -Be $first.Thumbprint
        $second = New-AppStoreTestKey -Folder $folder -KeyId TESTKEY002 -Force
        $second.Thumbprint | Should -Not -Be $first.Thumbprint
        (Get-AppStoreKey (Join-Path $folder 'AuthKey_TESTKEY002.p8')).Thumbprint | Should -Be $second.Thumbprint
    }

    # A link planted at the key's name must never be written through: the key would land (and be chmod-ed)
    # wherever the link points, outside the folder.
    It 'with -Force replaces a link at the name with a new owner-only file, leaving the link''s target untouched' -Skip:$IsWindows {
        $outside = New-TestFolder
        try {
            $target = Join-Path $outside 'precious.txt'
            [IO.File]::WriteAllText($target, 'keep me')
            $mode = (Get-Item -LiteralPath $target).UnixMode
            $link = Join-Path $folder 'AuthKey_TESTLINK01.p8'
            $null = New-Item -ItemType SymbolicLink -Path $link -Target $target
            $key = New-AppStoreTestKey -Folder $folder -KeyId TESTLINK01 -Force
            [IO.File]::ReadAllText($target) | Should -BeExactly 'keep me'
            (Get-Item -LiteralPath $target).UnixMode | Should -Be $mode
            $item = Get-Item -LiteralPath $link
            $item.LinkType | Should -BeNullOrEmpty
            $item.UnixMode | Should -Be '-rw-------'
            $key.Source | Should -Be $link
        } finally { Remove-TestFolder $outside }
    }

    It 'refuses a dangling link at the name without -Force, creating nothing where it points' -Skip:$IsWindows {
        $outside = New-TestFolder
        try {
            $target = Join-Path $outside 'planted.p8'
            $link = Join-Path $folder 'AuthKey_TESTLINK02.p8'
            $null = New-Item -ItemType SymbolicLink -Path $link -Target $target
            { New-AppStoreTestKey -Folder $folder -KeyId TESTLINK02 } | Should -Throw -ErrorId "TestKeyFileExists,$cmdlet"
            $target | Should -Not -Exist
            $null = New-AppStoreTestKey -Folder $folder -KeyId TESTLINK02 -Force
            $target | Should -Not -Exist
            (Get-Item -LiteralPath $link).LinkType | Should -BeNullOrEmpty
        } finally { Remove-TestFolder $outside }
    }

    It 'refuses -Folder <Name> with <Id>, not a .NET exception' -ForEach @(
        @{ Name = 'with a NUL'; Folder = { "$folder/a`0b" }; Id = 'TestKeyFileNotWritten' }
        @{ Name = 'a 10 MB name'; Folder = { "$folder/" + ('a' * 10MB) }; Id = 'TestKeyFileNotWritten' }
        @{ Name = 'on a drive that does not exist (a path with '':'')'; Folder = { 'nosuchdrive:sub' }; Id = 'InvalidPath' }
        @{ Name = 'on a provider that is not the file system'; Folder = { 'Env:\' }; Id = 'InvalidPath' }
    ) {
        $err = try { New-AppStoreTestKey -Folder (& $Folder) -KeyId TESTPATH01 } catch { $_ }
        $err.FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
        $err.Exception.Message.Length | Should -BeLessThan 2000
    }

    It 'writes nothing with -WhatIf' {
        Invoke-WithoutHost { New-AppStoreTestKey -Folder $folder -KeyId TESTKEY003 -WhatIf } @{ folder = $folder } | Should -BeNullOrEmpty
        Join-Path $folder 'AuthKey_TESTKEY003.p8' | Should -Not -Exist
    }

    It 'refuses a bad key ID or issuer ID before writing anything' -ForEach @(
        @{ Parameters = @{ KeyId = 'short' }; Id = 'InvalidKeyId' }
        @{ Parameters = @{ KeyId = '57246542-96fe-1a63-e053-0824d011072a' }; Id = 'KeyIdAndIssuerIdSwapped' }
        @{ Parameters = @{ KeyId = 'TESTKEY004'; IssuerId = 'nope' }; Id = 'InvalidIssuerId' }
    ) {
        $before = @(Get-ChildItem -LiteralPath $folder).Count
        { New-AppStoreTestKey -Folder $folder @Parameters } | Should -Throw -ErrorId "$Id,$cmdlet"
        @(Get-ChildItem -LiteralPath $folder).Count | Should -Be $before
    }

    It 'uses a fresh random key ID each time' {
        $ids = 1..20 | ForEach-Object { (New-AppStoreTestKey -Folder $folder).KeyId }
        ($ids | Sort-Object -Unique) | Should -HaveCount 20
    }
}

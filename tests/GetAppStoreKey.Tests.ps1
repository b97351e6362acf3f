using namespace System.Security.Cryptography

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ecdsa = New-TestEcdsa
    $script:pem = $ecdsa.ExportPkcs8PrivateKeyPem()
    $script:expected = (Get-AppStoreKey -Content $pem -KeyId ABCDE12345).Thumbprint
    $script:folder = New-TestFolder
    $script:body = ($pem -split "`n" | Where-Object { $_ -and $_ -notmatch '-----' }) -join ''
    $script:cmdlet = Get-CmdletTypeName Get-AppStoreKey

    function Get-LoadError {
        param([scriptblock] $Action)
        try { & $Action; $null } catch { $_ }
    }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'Get-AppStoreKey input forms' {
    It 'warns in its help that key text typed on the command line stays in the PSReadLine history, and names the alternatives' {
        $help = (Get-Help Get-AppStoreKey -Parameter Content).description.Text -join ' '
        $help | Should -Match 'PSReadLine.*history'
        foreach ($alternative in '-EnvironmentVariable', '-SecureContent', '-Path') { $help | Should -Match ([regex]::Escape($alternative)) }
    }

    # The key-form matrix (every damaged or odd form of key text, each file encoding, every refused input) is an
    # xUnit theory on the core's loader, tests/AppStoreJws.Core.Tests/KeyFormTests.cs; here a few of its forms check
    # that -Content, -Path, the pipeline and -EnvironmentVariable hand the loader the key text unchanged.
    It 'loads <Name> as the same key' -ForEach @(
        @{ Name = 'PKCS#8 PEM with LF'; Text = { $pem } }
    ) {
        $key = Get-AppStoreKey -Content (& $Text) -KeyId ABCDE12345
        $key.Thumbprint | Should -Be $expected
    }

    It 'loads a file written as <Name>' -ForEach @(
        @{ Name = 'UTF-16 LE with BOM'; Encoding = { [Text.UnicodeEncoding]::new($false, $true) } }
    ) {
        $path = Join-Path $folder "AuthKey_ZYXWV98765.p8"
        [IO.File]::WriteAllText($path, $pem, (& $Encoding))
        $key = Get-AppStoreKey -Path $path
        $key.Thumbprint | Should -Be $expected
        $key.KeyId | Should -Be 'ZYXWV98765'
        $key.Source | Should -Be $path
    }

    It 'infers the key ID from SubscriptionKey_<KEYID>.p8' {
        $path = New-TestKeyFile -Folder $folder -Pem $pem
        $sub = Join-Path $folder 'SubscriptionKey_QWERTY1234.p8'
        Copy-Item -LiteralPath $path -Destination $sub
        (Get-AppStoreKey -Path $sub).KeyId | Should -Be 'QWERTY1234'
    }

    It 'binds Get-ChildItem output from the pipeline' {
        $sub = New-Item -ItemType Directory -Path (Join-Path $folder 'pipe') -Force
        New-TestKeyFile -Folder $sub -KeyId 'AAAAA11111' | Out-Null
        New-TestKeyFile -Folder $sub -KeyId 'BBBBB22222' | Out-Null
        $keys = Get-ChildItem (Join-Path $sub '*.p8') | Get-AppStoreKey
        $keys.KeyId | Sort-Object | Should -Be @('AAAAA11111', 'BBBBB22222')
    }

    It 'resolves a relative path against the current location' {
        $path = New-TestKeyFile -Folder $folder -KeyId 'RELAT12345' -Pem $pem
        Push-Location -LiteralPath $folder
        try { (Get-AppStoreKey -Path './AuthKey_RELAT12345.p8').Thumbprint | Should -Be $expected }
        finally { Pop-Location }
    }

    It 'loads -SecureContent, also from the pipeline' {
        $secure = ConvertTo-SecureString $pem -AsPlainText -Force
        (Get-AppStoreKey -SecureContent $secure -KeyId ABCDE12345).Thumbprint | Should -Be $expected
        ($secure | Get-AppStoreKey -KeyId ABCDE12345).Thumbprint | Should -Be $expected
    }

    It 'loads -EnvironmentVariable with literal \n' {
        $env:APPSTOREJWS_TEST_KEY = $pem.Replace("`n", '\n')
        try {
            $key = Get-AppStoreKey -EnvironmentVariable APPSTOREJWS_TEST_KEY -KeyId ABCDE12345
            $key.Thumbprint | Should -Be $expected
            $key.Source | Should -Be 'environment variable APPSTOREJWS_TEST_KEY'
        }
        finally { Remove-Item Env:APPSTOREJWS_TEST_KEY }
    }

    It 'reports no repair for a key file that ends with a line break, as saved files do' -ForEach @(@{ End = "`n" }, @{ End = "`r`n`r`n" }) {
        $folder = New-TestFolder
        try {
            $file = Join-Path $folder 'AuthKey_ABCDE12345.p8'
            [IO.File]::WriteAllText($file, $pem.TrimEnd() + $End)
            $verbose = Get-AppStoreKey -LiteralPath $file -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            $verbose | Should -Not -BeNullOrEmpty
            $verbose | Where-Object { $_ -like 'Repaired*' } | Should -BeNullOrEmpty
        } finally { Remove-TestFolder $folder }
    }

    It 'still reports whitespace around a key that is not a trailing line break' {
        $verbose = Get-AppStoreKey -Content ("  " + $pem) -KeyId ABCDE12345 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $verbose | Should -Contain 'Repaired the key text: trimmed surrounding whitespace.'
    }

    It 'says in verbose output which form was found and which repairs were made' {
        $verbose = Get-AppStoreKey -Content ('"' + $pem.Replace("`n", '\n') + '"') -KeyId ABCDE12345 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $verbose | Should -Contain 'Read the key from key text (-Content) as PKCS#8 PEM.'
        $verbose | Should -Contain 'Repaired the key text: removed surrounding quotes.'
        $verbose | Should -Contain 'Repaired the key text: converted literal \n to line breaks.'
    }
}

Describe 'Get-AppStoreKey identifiers' {
    It 'keeps the issuer ID and bundle ID' {
        $key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
        $key.IssuerId | Should -Be (Get-TestIssuerId)
        $key.BundleId | Should -Be 'com.example.app'
    }

    It 'warns when -KeyId differs from the file name' {
        $path = New-TestKeyFile -Folder $folder -KeyId 'FILEK12345' -Pem $pem
        $key = Get-AppStoreKey -Path $path -KeyId 'OTHER12345' -WarningVariable warnings -WarningAction SilentlyContinue
        $key.KeyId | Should -Be 'OTHER12345'
        $warnings | Should -HaveCount 1
        "$warnings" | Should -Match 'FILEK12345'
    }

    It 'fails with <Id> for key ID <KeyId> and issuer ID <IssuerId>' -ForEach @(
        @{ KeyId = 'abcde12345'; IssuerId = $null; Id = 'InvalidKeyId' }
        @{ KeyId = 'ABCDE1234'; IssuerId = $null; Id = 'InvalidKeyId' }
        @{ KeyId = '57246542-96fe-1a63-e053-0824d011072a'; IssuerId = 'ABCDE12345'; Id = 'KeyIdAndIssuerIdSwapped' }
        @{ KeyId = 'ABCDE12345'; IssuerId = 'ABCDE12345'; Id = 'KeyIdAndIssuerIdSwapped' }
        @{ KeyId = 'ABCDE12345'; IssuerId = 'not-a-uuid'; Id = 'InvalidIssuerId' }
    ) {
        $parameters = @{ Content = $pem; KeyId = $KeyId }
        if ($IssuerId) { $parameters.IssuerId = $IssuerId }
        { Get-AppStoreKey @parameters } | Should -Throw -ErrorId "$Id,$cmdlet"
    }

    It 'fails with KeyIdMissing when there is no key ID and no AuthKey file name' {
        $err = Get-LoadError { Get-AppStoreKey -Content $pem }
        $err.FullyQualifiedErrorId | Should -Be "KeyIdMissing,$cmdlet"
        $err.Exception.Message | Should -Match '-KeyId'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Get-AppStoreKey bad input' {
    BeforeAll {
        $rsa = [RSA]::Create(2048)

        # A SEC1 key whose embedded public point belongs to another key.
        $other = (New-TestEcdsa).ExportParameters($false)
        $mine = $ecdsa.ExportParameters($true)
        $writer = [System.Formats.Asn1.AsnWriter]::new([System.Formats.Asn1.AsnEncodingRules]::DER)
        $outer = $writer.PushSequence()
        $writer.WriteInteger(1)
        $writer.WriteOctetString($mine.D)
        $tag0 = [System.Formats.Asn1.Asn1Tag]::new([System.Formats.Asn1.TagClass]::ContextSpecific, 0, $true)
        $scope = $writer.PushSequence($tag0); $writer.WriteObjectIdentifier('1.2.840.10045.3.1.7'); $scope.Dispose()
        $tag1 = [System.Formats.Asn1.Asn1Tag]::new([System.Formats.Asn1.TagClass]::ContextSpecific, 1, $true)
        $scope = $writer.PushSequence($tag1); $writer.WriteBitString([byte[]](@(4) + $other.Q.X + $other.Q.Y)); $scope.Dispose()
        $outer.Dispose()
        $mismatched = "-----BEGIN EC PRIVATE KEY-----`n" + [Convert]::ToBase64String($writer.Encode()) + "`n-----END EC PRIVATE KEY-----"

        # The inputs the tests below refuse through the cmdlet; the whole matrix of refused inputs is in KeyFormTests.cs.
        $script:badInputs = @{
            Garbage          = 'this is not a key at all!'
            TruncatedBase64  = $pem.Substring(0, 100) + "`n-----END PRIVATE KEY-----"
            TruncatedDer     = "-----BEGIN PRIVATE KEY-----`n" + [Convert]::ToBase64String([byte[]]($ecdsa.ExportPkcs8PrivateKey()[0..59])) + "`n-----END PRIVATE KEY-----"
            Rsa              = $rsa.ExportPkcs8PrivateKeyPem()
            Mismatched       = $mismatched
        }
    }

    It 'refuses <Case> with <Id> (<Category>) and says <Says>' -ForEach @(
        @{ Case = 'Garbage'; Id = 'KeyNotRecognized'; Category = 'InvalidData'; Says = 'neither PEM nor base64' }
        @{ Case = 'Mismatched'; Id = 'KeyPublicPointMismatch'; Category = 'InvalidData'; Says = 'does not belong to its private key' }
    ) {
        $err = Get-LoadError { Get-AppStoreKey -Content $badInputs[$Case] -KeyId ABCDE12345 }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
        $err.CategoryInfo.Category | Should -Be $Category
        $err.Exception.Message | Should -Match $Says
    }

    It 'refuses a missing file with KeyFileNotFound' {
        $err = Get-LoadError { Get-AppStoreKey -Path (Join-Path $folder 'AuthKey_NOPE123456.p8') }
        $err.FullyQualifiedErrorId | Should -Be "KeyFileNotFound,$cmdlet"
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a folder with KeyPathIsDirectory' {
        $err = Get-LoadError { Get-AppStoreKey -Path $folder }
        $err.FullyQualifiedErrorId | Should -Be "KeyPathIsDirectory,$cmdlet"
    }

    It 'refuses a dangling link with KeyFileLinkBroken' -Skip:$IsWindows {
        $link = Join-Path $folder 'AuthKey_DANGLE1234.p8'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target (Join-Path $folder 'no-such-target.p8')
        try {
            $err = Get-LoadError { Get-AppStoreKey -Path $link }
            $err.FullyQualifiedErrorId | Should -Be "KeyFileLinkBroken,$cmdlet"
        } finally { Remove-Item -LiteralPath $link -Force }
    }

    It 'refuses a character device before reading it (<Path>)' -Skip:$IsWindows -TestCases @(@{ Path = '/dev/zero' }, @{ Path = '/dev/urandom' }) {
        param($Path)
        $err = Get-LoadError { Get-AppStoreKey -Path $Path -KeyId 'ABCDEFGHIJ' }
        $err.FullyQualifiedErrorId | Should -Be "KeyFileNotRegular,$cmdlet"
        $err.Exception.Message | Should -Match 'character device'
    }

    It 'refuses a FIFO without blocking in open()' -Skip:($IsWindows -or -not (Get-Command mkfifo -ErrorAction Ignore)) {
        $fifo = Join-Path $folder 'AuthKey_FIFO123456.p8'
        & mkfifo $fifo
        try {
            $err = Get-LoadError { Get-AppStoreKey -Path $fifo }
            $err.FullyQualifiedErrorId | Should -Be "KeyFileNotRegular,$cmdlet"
        } finally { Remove-Item -LiteralPath $fifo -Force }
    }

    It 'refuses an empty file with KeyEmpty' {
        $path = Join-Path $folder 'AuthKey_EMPTY12345.p8'
        [IO.File]::WriteAllBytes($path, [byte[]]@())
        { Get-AppStoreKey -Path $path } | Should -Throw -ErrorId "KeyEmpty,$cmdlet"
    }

    It 'refuses a missing environment variable with KeyEnvironmentVariableNotSet' {
        { Get-AppStoreKey -EnvironmentVariable APPSTOREJWS_NOT_SET_ANYWHERE -KeyId ABCDE12345 } |
            Should -Throw -ErrorId "KeyEnvironmentVariableNotSet,$cmdlet"
    }

    It 'is a terminating error that stops the script' {
        $reached = $false
        try { Get-AppStoreKey -Content 'garbage!' -KeyId ABCDE12345; $reached = $true } catch { }
        $reached | Should -BeFalse
    }

    It 'never puts key material in an error message (<Case>)' -ForEach @(
        @{ Case = 'TruncatedBase64' }, @{ Case = 'Mismatched' }, @{ Case = 'Rsa' }, @{ Case = 'TruncatedDer' }
    ) {
        $err = Get-LoadError { Get-AppStoreKey -Content $badInputs[$Case] -KeyId ABCDE12345 -Verbose 4>&1 }
        $text = ($err | Format-List * -Force | Out-String) + $err.Exception.ToString()
        foreach ($line in ($badInputs[$Case] -split "`n" | Where-Object { $_ -notmatch '-----' -and $_.Length -ge 16 })) {
            $text | Should -Not -Match ([regex]::Escape($line.Substring(0, 16)))
        }
    }
}

Describe 'Get-AppStoreKey never reveals the private key' {
    BeforeAll {
        $script:key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app -Verbose 4>&1
        $script:verbose = $key | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
        $script:key = $key | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $d = $ecdsa.ExportParameters($true).D
        $script:secrets = @(
            [Convert]::ToBase64String($d)
            ConvertTo-Base64Url $d
            [Convert]::ToHexString($d)
            $body.Substring(0, 40)
            $body.Substring($body.Length - 40)
        )
        $script:clixml = Join-Path $folder 'key.clixml'
        $key | Export-Clixml $clixml
    }

    It 'does not show it in <Name>' -ForEach @(
        @{ Name = 'ToString()'; Render = { $key.ToString() } }
        @{ Name = 'Format-List *'; Render = { $key | Format-List * -Force | Out-String } }
        @{ Name = 'Format-Table'; Render = { $key | Format-Table * | Out-String -Width 500 } }
        @{ Name = 'ConvertTo-Json -Depth 10'; Render = { $key | ConvertTo-Json -Depth 10 } }
        @{ Name = 'Export-Clixml'; Render = { Get-Content $clixml -Raw } }
        @{ Name = 'verbose output'; Render = { $verbose } }
        @{ Name = 'Get-Member'; Render = { $key | Get-Member -Force | Out-String -Width 500 } }
    ) {
        $text = & $Render
        $text | Should -Not -BeNullOrEmpty
        foreach ($secret in $secrets) {
            $text.ToUpperInvariant() | Should -Not -Match ([regex]::Escape($secret.ToUpperInvariant()))
        }
    }

    It 'shows the public facts' {
        $key.Curve | Should -Be 'P-256'
        $key.Algorithm | Should -Be 'ES256'
        $key.PublicKeyPem | Should -Match '^-----BEGIN PUBLIC KEY-----'
        $key.PublicKeyPem | Should -Be $ecdsa.ExportSubjectPublicKeyInfoPem().Replace("`r", '')
        ($key.PublicKeyJwk | ConvertFrom-Json).crv | Should -Be 'P-256'
        $key.ToString() | Should -Match 'ABCDE12345'
    }

    It 'has the RFC 7638 thumbprint of its public key' {
        $q = $ecdsa.ExportParameters($false).Q
        $canonical = '{"crv":"P-256","kty":"EC","x":"' + (ConvertTo-Base64Url $q.X) + '","y":"' + (ConvertTo-Base64Url $q.Y) + '"}'
        $hash = [SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($canonical))
        $key.Thumbprint | Should -Be (ConvertTo-Base64Url $hash)
    }
}

Describe 'Get-AppStoreKey across runspaces' {
    It 'signs from several runspaces at once with one key' {
        $key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
        $module = $env:APPSTOREJWS_MODULE
        $tokens = 1..200 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            New-PromotionalOfferJws -Key $using:key -ProductId "product.$_" -OfferIdentifier offer
        }
        $tokens | Should -HaveCount 200
        foreach ($token in $tokens) { Test-Es256Signature -Token $token.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue }
        ($tokens.Nonce | Sort-Object -Unique) | Should -HaveCount 200
    }
}

# Input as ops scripts really produce it: CSV rows with their own spellings and empty cells, values as text,
# key files as people keep them. Every rule is checked with the forms that broke it and variants.
Describe 'Keys as people keep them' {
    BeforeAll {
        $folder = New-TestFolder
        $pem = New-TestKeyPem
        $key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app

        $script:keys = Join-Path $folder 'keys'
        $null = New-Item -ItemType Directory -Path $keys
        Set-Content -LiteralPath (Join-Path $keys 'AuthKey_AAAAA11111.p8') -Value $pem -NoNewline
        Set-Content -LiteralPath (Join-Path $keys 'AuthKey_BBBBB22222.p8') -Value 'not a key' -NoNewline
        Set-Content -LiteralPath (Join-Path $keys 'AuthKey_CCCCC33333.p8') -Value $pem -NoNewline
    }

    AfterAll {
        Remove-TestFolder $folder
    }

    It 'Get-ChildItem *.p8 | Get-AppStoreKey: one bad file is its own error, the others load' {
        $loaded = Get-ChildItem -LiteralPath $keys -Filter '*.p8' | Get-AppStoreKey -ErrorVariable errors -ErrorAction SilentlyContinue
        $loaded.KeyId | Should -Be @('AAAAA11111', 'CCCCC33333')
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Match '^Key(NotRecognized|Truncated),'
    }

    It 'a wildcard loads every match, a bad one being its own error' {
        $loaded = Get-AppStoreKey -Path (Join-Path $keys '*.p8') -ErrorVariable errors -ErrorAction SilentlyContinue
        $loaded | Should -HaveCount 2
        $errors | Should -HaveCount 1
    }

    It 'the key ID comes from <File>' -ForEach @(
        @{ File = 'AuthKey_DDDDD44444 (1).p8'; Id = 'DDDDD44444' }
        @{ File = 'AuthKey_EEEEE55555.pem'; Id = 'EEEEE55555' }
        @{ File = 'AuthKey_FFFFF66666.p8.txt'; Id = 'FFFFF66666' }
        @{ File = 'AuthKey_GGGGG77777(2).p8'; Id = 'GGGGG77777' }
    ) {
        $path = Join-Path $folder $File
        Set-Content -LiteralPath $path -Value $pem -NoNewline
        (Get-AppStoreKey -LiteralPath $path).KeyId | Should -Be $Id
    }

    It 'a wildcard that matches nothing is a KeyPathNoMatch error' {
        { Get-AppStoreKey -Path (Join-Path $folder 'nothing-here-*.p8') } | Should -Throw -ErrorId 'KeyPathNoMatch,*'
    }

    It 'a directory is a KeyPathIsDirectory error' {
        { Get-AppStoreKey -Path $keys -KeyId ABCDE12345 } | Should -Throw -ErrorId 'KeyPathIsDirectory,*'
    }

    It '-LiteralPath takes a name with brackets as written; -Path would expand it' {
        $odd = Join-Path $folder 'AuthKey_HHHHH88888[1].p8'
        Set-Content -LiteralPath $odd -Value $pem -NoNewline
        (Get-AppStoreKey -LiteralPath $odd -KeyId HHHHH88888).KeyId | Should -Be 'HHHHH88888'
        { Get-AppStoreKey -Path $odd -KeyId HHHHH88888 } | Should -Throw -ErrorId 'KeyPathNoMatch,*'
    }

    It '-Content takes lines, as Get-Content without -Raw gives them' {
        $file = Join-Path $folder 'lines.p8'
        Set-Content -LiteralPath $file -Value $pem
        $lines = Get-Content -LiteralPath $file
        $lines.Count | Should -BeGreaterThan 1
        (Get-AppStoreKey -Content $lines -KeyId ABCDE12345).PublicKeyPem | Should -BeExactly $key.PublicKeyPem
    }

    It 'lines of a key piped to Get-AppStoreKey are refused as key text, never echoed' {
        $lines = $pem -split "`n" | Where-Object { $_ }
        $null = $lines | Get-AppStoreKey -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount $lines.Count
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'KeyTextInParameter,*' }
        foreach ($line in $lines) { ($errors | Out-String -Width 4096).Contains($line.Trim()) | Should -BeFalse }
    }

    It 'empty KeyId, IssuerId and BundleId cells mean not given' {
        $row = [pscustomobject]@{ Path = (Join-Path $keys 'AuthKey_AAAAA11111.p8'); KeyId = ''; IssuerId = ''; BundleId = '' }
        $loaded = $row | Get-AppStoreKey
        $loaded.KeyId | Should -Be 'AAAAA11111'
        $loaded.IssuerId | Should -BeNullOrEmpty
        $loaded.BundleId | Should -BeNullOrEmpty
    }

    It 'text holding two keys is refused' {
        $other = New-TestKeyPem
        { Get-AppStoreKey -Content ($pem + "`n" + $other) -KeyId ABCDE12345 } | Should -Throw -ErrorId 'KeyTextHoldsSeveralKeys,*'
    }
}

# Input as ops scripts really produce it: CSV rows with their own spellings and empty cells, values as text,
# key files as people keep them. Every rule is checked with the forms that broke it and variants.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:folder = New-TestFolder
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:noBundleKey = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId)
    $script:promo = Get-CmdletTypeName New-PromotionalOfferJws
    $script:intro = Get-CmdletTypeName New-IntroEligibilityJws
    $script:v1 = Get-CmdletTypeName New-PromotionalOfferSignature

    function Assert-Token($Token, [hashtable] $Claims) {
        Test-Es256Signature -Token $Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
        $payload = (Get-JwsPart $Token).Payload
        foreach ($claim in $Claims.GetEnumerator()) { $payload[$claim.Key] | Should -BeExactly $claim.Value -Because "claim $($claim.Key)" }
        $payload
    }

    function Test-V1Signature($Signature, $Row) {
        $ecdsa = [System.Security.Cryptography.ECDsa]::Create()
        $ecdsa.ImportFromPem($key.PublicKeyPem)
        $message = Get-V1Message -BundleId $Signature.BundleId -KeyId $Signature.KeyId -ProductId $Row.ProductId -OfferIdentifier $Row.OfferIdentifier `
            -AppAccountToken $Signature.AppAccountToken -Nonce $Row.Nonce -Timestamp $Row.Timestamp -AsGiven
        $ecdsa.VerifyData([Text.Encoding]::UTF8.GetBytes($message), [Convert]::FromBase64String($Row.EncodedSignature),
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.DSASignatureFormat]::Rfc3279DerSequence)
    }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'A bulk run finishes, and every failure points at its row' {
    It 'a bundleId cell with a trailing space is that row''s error, even with -ErrorAction SilentlyContinue' {
        $rows = @(
            [pscustomobject]@{ ProductId = 'a'; OfferIdentifier = 'o'; BundleId = 'com.example.app' }
            [pscustomobject]@{ ProductId = 'b'; OfferIdentifier = 'o'; BundleId = 'com.example.app ' }
            [pscustomobject]@{ ProductId = 'c'; OfferIdentifier = 'o'; BundleId = '' }
        )
        $out = $rows | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out.ProductId | Should -Be @('a', 'c')
        $out[1].BundleId | Should -BeExactly 'com.example.app' -Because 'an empty cell means the key''s bundle ID'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidBundleId,$promo"
        $errors[0].TargetObject | Should -Be $rows[1]
    }

    It 'the same bad bundle ID on the command line stops the run before the first row' {
        { [pscustomobject]@{ ProductId = 'a'; OfferIdentifier = 'o' } | New-PromotionalOfferJws -Key $key -BundleId 'com.example.app ' -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId "InvalidBundleId,$promo"
    }

    It 'no bundle ID anywhere (no column, no parameter, none on the key) stops the run once' {
        { 1..3 | ForEach-Object { [pscustomobject]@{ ProductId = "p$_"; OfferIdentifier = 'o' } } | New-PromotionalOfferJws -Key $noBundleKey -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId "BundleIdMissing,$promo"
    }

    It 'each row error carries the input row and names its row number and identifying values' {
        $rows = @(
            [pscustomobject]@{ ProductId = 'good'; OfferIdentifier = 'o'; TransactionId = '2000000000000001'; Customer = 'alice' }
            [pscustomobject]@{ ProductId = 'pad '; OfferIdentifier = 'o'; TransactionId = '2000000000000002'; Customer = 'bob' }
        )
        $null = $rows | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].TargetObject.Customer | Should -Be 'bob'
        "$($errors[0])" | Should -Match "^Row 2 \(productId 'pad ', offerIdentifier 'o', transactionId '2000000000000002'\): "
        $errors[0].FullyQualifiedErrorId | Should -Be "ProductIdHasWhitespace,$promo"
    }

    It 'a row without a required column names the column, its accepted spellings and the columns the row has' {
        $rows = @([pscustomobject]@{ ProductId = 'a'; OfferIdentifier = 'o' }, [pscustomobject]@{ ProductId = 'b'; Offer = 'o' })
        $out = $rows | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out.ProductId | Should -Be 'a'
        $errors[0].FullyQualifiedErrorId | Should -Be "OfferIdentifierMissing,$promo"
        $message = $errors[0].Exception.Message
        $message | Should -Match 'no OfferIdentifier column'
        $message | Should -Match 'OfferId, offer_id, offer_identifier'
        $message | Should -Match 'its columns are: ProductId, Offer'
        $errors[0].FullyQualifiedErrorId | Should -Not -Match 'InputObjectMissingMandatory'
    }

    It 'a run with refused rows ends with one warning that counts them' {
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ ProductId = if ($_ -eq 3) { '' } else { "p$_" }; OfferIdentifier = 'o' } }
        $null = $rows | New-PromotionalOfferJws -Key $key -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -Match '^Signed 4, refused 1: .*-ErrorVariable'
    }

    It 'a run without refused rows ends without a warning' {
        $null = 1..3 | ForEach-Object { [pscustomobject]@{ ProductId = "p$_"; OfferIdentifier = 'o' } } | New-PromotionalOfferJws -Key $key -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
    }

    It 'a run that lasts more than two seconds shows progress, and completes it' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($ModulePath, $Pem)
                    Import-Module $ModulePath
                    $key = Get-AppStoreKey -Content $Pem -KeyId ABCDE12345 -IssuerId 57246542-96fe-1a63-e053-0824d011072a -BundleId com.example.app
                    $deadline = [DateTime]::UtcNow.AddSeconds(3)
                    $rows = & { while ([DateTime]::UtcNow -lt $deadline) { [pscustomobject]@{ ProductId = 'p'; OfferIdentifier = 'o' } } }
                    ($rows | New-PromotionalOfferJws -Key $key | Measure-Object).Count
                }).AddArgument($env:APPSTOREJWS_MODULE).AddArgument($pem)
            $count = $shell.Invoke()
            $records = @($shell.Streams.Progress)
        }
        finally {
            $shell.Dispose()
        }
        $count[0] | Should -BeGreaterThan 0
        $records | Should -Not -BeNullOrEmpty
        $records[0].Activity | Should -Be 'Signing tokens'
        $records[0].StatusDescription | Should -Match '^[\d,]+ signed, 0 refused \([\d,]+ rows/s\)$'
        $records[-1].RecordType | Should -Be 'Completed'
    }
}

Describe 'Column spellings people use bind' {
    It '<Column> binds to -<Parameter> of New-PromotionalOfferJws' -ForEach @(
        @{ Column = 'OfferId'; Parameter = 'OfferIdentifier'; Claim = 'offerIdentifier'; Value = 'WINBACK' }
        @{ Column = 'offer_id'; Parameter = 'OfferIdentifier'; Claim = 'offerIdentifier'; Value = 'WINBACK' }
        @{ Column = 'offer_identifier'; Parameter = 'OfferIdentifier'; Claim = 'offerIdentifier'; Value = 'WINBACK' }
        @{ Column = 'AppTransactionId'; Parameter = 'TransactionId'; Claim = 'transactionId'; Value = '2000000000000007' }
        @{ Column = 'appTransactionId'; Parameter = 'TransactionId'; Claim = 'transactionId'; Value = '2000000000000007' }
        @{ Column = 'OriginalTransactionId'; Parameter = 'TransactionId'; Claim = 'transactionId'; Value = '2000000000000007' }
        @{ Column = 'transaction_id'; Parameter = 'TransactionId'; Claim = 'transactionId'; Value = '2000000000000007' }
        @{ Column = 'app_transaction_id'; Parameter = 'TransactionId'; Claim = 'transactionId'; Value = '2000000000000007' }
        @{ Column = 'product_id'; Parameter = 'ProductId'; Claim = 'productId'; Value = 'com.example.p' }
        @{ Column = 'bundle_id'; Parameter = 'BundleId'; Claim = 'bid'; Value = 'com.example.other' }
    ) {
        $row = [ordered]@{ ProductId = 'com.example.p'; OfferIdentifier = 'WINBACK' }
        $row.Remove($Parameter)
        $row[$Column] = $Value
        $jws = [pscustomobject]$row | New-PromotionalOfferJws -Key $key
        Assert-Token $jws.Token @{ $Claim = $Value } | Out-Null
    }

    It 'snake_case columns bind for New-IntroEligibilityJws' {
        $jws = [pscustomobject]@{ product_id = 'p'; allow_introductory_offer = 'false'; transaction_id = '2000000000000009' } | New-IntroEligibilityJws -Key $key
        $payload = Assert-Token $jws.Token @{ productId = 'p'; transactionId = '2000000000000009' }
        $payload.allowIntroductoryOffer | Should -BeFalse
        (Get-ClaimType (Get-JwsPart $jws.Token).PayloadJson).allowIntroductoryOffer | Should -Be 'False'
    }

    It 'snake_case columns bind for New-PromotionalOfferSignature' {
        $row = [pscustomobject]@{ product_id = 'p'; offer_id = 'o'; app_account_token = '7E3FB20B-4CDB-47CC-936D-99D65F608138' }
        $signed = $row | New-PromotionalOfferSignature -Key $key -PassThru
        $signed.app_account_token | Should -Be '7E3FB20B-4CDB-47CC-936D-99D65F608138'
        $plain = [pscustomobject]@{ ProductId = 'p'; OfferIdentifier = 'o'; Nonce = $signed.Nonce; Timestamp = $signed.Timestamp; EncodedSignature = $signed.EncodedSignature }
        Test-V1Signature ([pscustomobject]@{ BundleId = 'com.example.app'; KeyId = 'ABCDE12345'; AppAccountToken = '7e3fb20b-4cdb-47cc-936d-99d65f608138' }) $plain | Should -BeTrue
    }
}

Describe '-PassThru keeps every input column' {
    It '<Name> adds <Added> to the input row' -ForEach @(
        @{ Name = 'New-PromotionalOfferJws'; Row = @{ Customer = 'alice'; ProductId = 'p'; OfferIdentifier = 'o' }; Added = @('Token') }
        @{ Name = 'New-IntroEligibilityJws'; Row = @{ Customer = 'alice'; ProductId = 'p'; AllowIntroductoryOffer = 'yes'; TransactionId = '2000000000000001' }; Added = @('Token') }
        @{ Name = 'New-AdvancedCommerceJws'; Row = @{ Customer = 'alice'; Request = '{"operation":"CREATE_ONE_TIME_CHARGE","currency":"USD","taxCode":"C003-00-2","item":{"SKU":"B","displayName":"A","description":"B","price":4990}}' }; Added = @('Token') }
        @{ Name = 'New-PromotionalOfferSignature'; Row = @{ Customer = 'alice'; ProductId = 'p'; OfferIdentifier = 'o' }; Added = @('EncodedSignature', 'Nonce', 'Timestamp') }
    ) {
        $csv = Join-Path $folder "$Name.csv"
        [pscustomobject]$Row | Export-Csv -LiteralPath $csv
        $signed = Import-Csv -LiteralPath $csv | & $Name -Key $key -PassThru
        $out = Join-Path $folder "$Name-signed.csv"
        $signed | Export-Csv -LiteralPath $out
        $back = Import-Csv -LiteralPath $out
        foreach ($column in $Row.Keys) { $back.$column | Should -BeExactly $Row[$column] }
        foreach ($column in $Added) { $back.$column | Should -Not -BeNullOrEmpty }
        if ($Added -contains 'Token') { Test-Es256Signature -Token $back.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue }
        else { Test-V1Signature ([pscustomobject]@{ BundleId = 'com.example.app'; KeyId = 'ABCDE12345'; AppAccountToken = '' }) $back | Should -BeTrue }
    }

    It 'without a pipeline row, the parameters are the row' {
        $signed = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -PassThru
        $signed.ProductId | Should -Be 'p'
        $signed.OfferIdentifier | Should -Be 'o'
        $signed.PSObject.Properties.Name | Should -Not -Contain 'Key'
        Test-Es256Signature -Token $signed.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
    }
}

Describe 'Values as scripts hand them over' {
    It 'a TimeSpan given as <Form> means 300 seconds' -ForEach @(
        @{ Form = "the text '300'"; Value = '300' }
        @{ Form = 'the number 300'; Value = 300 }
        @{ Form = 'an ISO 8601 duration'; Value = 'PT5M' }
        @{ Form = 'hh:mm:ss'; Value = '00:05:00' }
    ) {
        $token = New-AppStoreServerApiToken -Key $key -Lifetime $Value
        $payload = (Get-JwsPart $token.Token).Payload
        $payload.exp - $payload.iat | Should -Be 300
    }

    It '-ClockSkew ''30'' backdates iat by 30 seconds, not 30 days' {
        $at = [DateTimeOffset]::UtcNow
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -IssuedAt $at -ClockSkew '30'
        $jws.IssuedAt.ToUnixTimeSeconds() | Should -Be ($at.ToUnixTimeSeconds() - 30)
    }

    It 'a duration that is none of the forms is refused with the forms it takes' {
        { New-AppStoreServerApiToken -Key $key -Lifetime 'five minutes' } | Should -Throw -ExpectedMessage '*expected seconds (300), an ISO 8601 duration (PT5M) or hh:mm:ss*'
    }

    It 'the InvalidLifetime message no longer says a bare number means ticks' {
        { New-AppStoreServerApiToken -Key $key -Lifetime 0 } | Should -Throw -ErrorId 'InvalidLifetime,*'
        try { New-AppStoreServerApiToken -Key $key -Lifetime 0 } catch { "$_" | Should -Not -Match 'ticks' }
    }

    It 'an Advanced Commerce price given as whole-number text is the number' {
        $request = @{ operation = 'CREATE_ONE_TIME_CHARGE'; currency = 'USD'; taxCode = 'C003-00-2'; item = @{ SKU = 'B'; displayName = 'A'; description = 'B'; price = '4990' } }
        $jws = New-AdvancedCommerceJws -Key $key -Request $request
        $jws.RequestJson | Should -Match '"price":4990[,}]'
    }

    It 'a fractional or negative price in text is still refused with its rule' -ForEach @(@{ Price = '49.90'; Rule = 'whole number of milliunits' }, @{ Price = '-5'; Rule = 'never negative' }) {
        $request = @{ operation = 'CREATE_ONE_TIME_CHARGE'; currency = 'USD'; taxCode = 'C003-00-2'; item = @{ SKU = 'B'; displayName = 'A'; description = 'B'; price = $Price } }
        $null = New-AdvancedCommerceJws -Key $key -Request $request -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].Exception.Message | Should -Match $Rule
    }

    It 'transactionId <Value> is that row''s error' -ForEach @(@{ Value = '2E+15'; Excel = $true }, @{ Value = 'abc'; Excel = $false }, @{ Value = '-5'; Excel = $false }, @{ Value = '2.00000012345679E+15'; Excel = $true }) {
        foreach ($cmdlet in 'New-PromotionalOfferJws', 'New-IntroEligibilityJws') {
            $rows = @(
                [pscustomobject]@{ ProductId = 'a'; OfferIdentifier = 'o'; AllowIntroductoryOffer = 'true'; TransactionId = '2000000000000001' }
                [pscustomobject]@{ ProductId = 'b'; OfferIdentifier = 'o'; AllowIntroductoryOffer = 'true'; TransactionId = $Value }
            )
            $out = $rows | & $cmdlet -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $out.ProductId | Should -Be 'a'
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotDigits,*'
            ($errors[0].Exception.Message -match 'spreadsheet') | Should -Be $Excel
        }
    }

    It 'the Server API cmdlets refuse a transaction ID that is not digits before anything is sent' {
        $api = @{ Key = $key; BaseUri = 'http://127.0.0.1:9'; MaximumRetryCount = 0; TimeoutSec = 2; Environment = 'Sandbox' }
        foreach ($cmdlet in 'Get-AppStoreTransaction', 'Get-AppStoreAppTransaction', 'Get-AppStoreTransactionHistory', 'Get-AppStoreRefundHistory', 'Get-AppStoreSubscriptionStatus') {
            $null = '2E+15', 'abc' | & $cmdlet @api -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors | Should -HaveCount 2 -Because $cmdlet
            $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotDigits,*' -Because "$cmdlet (a closed port would give ServerApiUnreachable)" }
            $errors[0].Exception.Message | Should -Match 'spreadsheet'
        }
        $api.Remove('Environment')
        $null = Set-AppStoreAppAccountToken @api -OriginalTransactionId '2E+15' -AppAccountToken ([guid]::NewGuid()) -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotDigits,*'
    }

    It 'a timestamp cell that cannot be read is that row''s error, not the current time' {
        $rows = @([pscustomobject]@{ ProductId = 'a'; OfferIdentifier = 'o'; Timestamp = 'yesterday' }, [pscustomobject]@{ ProductId = 'b'; OfferIdentifier = 'o' })
        $out = $rows | New-PromotionalOfferSignature -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out.ProductId | Should -Be 'b'
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidTimestamp,$v1"
        $errors[0].Exception.Message | Should -Match "'yesterday' is not a point in time"
    }

    It 'an ISO 8601 timestamp cell is read as that instant' {
        $signed = [pscustomobject]@{ ProductId = 'a'; OfferIdentifier = 'o'; Timestamp = '2026-12-02T10:00:00Z' } | New-PromotionalOfferSignature -Key $key -WarningAction SilentlyContinue
        $signed.Timestamp | Should -Be ([DateTimeOffset]'2026-12-02T10:00:00Z').ToUnixTimeMilliseconds()
    }

    It 'a nonce and a timestamp that come with the rows each warn once; a stale timestamp warns for its row' {
        $old = [DateTimeOffset]::UtcNow.AddDays(-2).ToUnixTimeMilliseconds()
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $rows = @(
            [pscustomobject]@{ ProductId = 'a'; OfferIdentifier = 'o'; Nonce = [guid]::NewGuid().ToString(); Timestamp = $now }
            [pscustomobject]@{ ProductId = 'b'; OfferIdentifier = 'o'; Nonce = [guid]::NewGuid().ToString(); Timestamp = $old }
        )
        $null = $rows | New-PromotionalOfferSignature -Key $key -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings | Where-Object { "$_" -match 'rows carry a Nonce' }) | Should -HaveCount 1
        @($warnings | Where-Object { "$_" -match 'rows carry a Timestamp' }) | Should -HaveCount 1
        @($warnings | Where-Object { "$_" -match 'hours old' }) | Should -HaveCount 1
    }

    It 'a fixed -Nonce signed into more than one row warns once' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ ProductId = "p$_"; OfferIdentifier = 'o' } }
        $null = $rows | New-PromotionalOfferJws -Key $key -Nonce ([guid]::NewGuid()) -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings | Where-Object { "$_" -match 'accepts each nonce only once' }) | Should -HaveCount 1
    }

    It '<Name> accepts "Bearer <token>" and objects with an Authorization property' -ForEach @(@{ Name = 'Test-AppStoreJws' }, @{ Name = 'ConvertFrom-AppStoreJws' }) {
        $bearer = New-AppStoreServerApiToken -Key $key
        $header = [pscustomobject]@{ Authorization = $bearer.Authorization }
        $arguments = if ($Name -eq 'Test-AppStoreJws') { @{ Key = $key; Audience = 'appstoreconnect-v1' } } else { @{} }
        $fromText = & $Name -Token $bearer.Authorization @arguments
        $fromHeader = $header | & $Name @arguments
        if ($Name -eq 'Test-AppStoreJws') {
            $fromText.IsValid | Should -BeTrue
            $fromHeader.IsValid | Should -BeTrue
        }
        else {
            $fromText.Payload.aud | Should -Be 'appstoreconnect-v1'
            $fromHeader.Payload.aud | Should -Be 'appstoreconnect-v1'
        }
    }
}

Describe 'Keys as people keep them' {
    BeforeAll {
        $script:keys = Join-Path $folder 'keys'
        $null = New-Item -ItemType Directory -Path $keys
        Set-Content -LiteralPath (Join-Path $keys 'AuthKey_AAAAA11111.p8') -Value $pem -NoNewline
        Set-Content -LiteralPath (Join-Path $keys 'AuthKey_BBBBB22222.p8') -Value 'not a key' -NoNewline
        Set-Content -LiteralPath (Join-Path $keys 'AuthKey_CCCCC33333.p8') -Value $pem -NoNewline
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

Describe 'Advanced Commerce requests as scripts have them' {
    It 'one error lists every problem, each with its JSON path' {
        $request = @{ operation = 'CREATE_ONE_TIME_CHARGE'; currency = 'usd'; storefront = 'US'; taxCode = 'C003-00-2'; item = @{ SKU = 'B'; description = 'B'; price = 4990 } }
        $null = New-AdvancedCommerceJws -Key $key -Request $request -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $message = $errors[0].Exception.Message
        $message | Should -Match '^The request has 3 problems:'
        $message | Should -Match "currency is 'usd'; expected an ISO 4217"
        $message | Should -Match "storefront is 'US'; expected an ISO 3166-1 alpha-3"
        $message | Should -Match 'item\.displayName is required'
    }

    It 'JSON given as lines is joined, piped or as -Request' {
        $file = Join-Path $folder 'request.json'
        @{ operation = 'CREATE_ONE_TIME_CHARGE'; currency = 'USD'; taxCode = 'C003-00-2'; item = @{ SKU = 'B'; displayName = 'A'; description = 'B'; price = 4990 } } |
            ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $file
        (Get-Content -LiteralPath $file).Count | Should -BeGreaterThan 3
        $piped = @(Get-Content -LiteralPath $file | New-AdvancedCommerceJws -Key $key)
        $given = @(New-AdvancedCommerceJws -Key $key -Request (Get-Content -LiteralPath $file))
        $piped | Should -HaveCount 1
        $given | Should -HaveCount 1
        $piped[0].Operation | Should -Be 'CREATE_ONE_TIME_CHARGE'
        Test-Es256Signature -Token $given[0].Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
    }

    It 'a JSON array of requests signs each element; a bad element is its own error' {
        $good = '{"operation":"CREATE_ONE_TIME_CHARGE","currency":"USD","taxCode":"C003-00-2","item":{"SKU":"B","displayName":"A","description":"B","price":4990}}'
        $bad = '{"operation":"CREATE_ONE_TIME_CHARGE","currency":"XYZ","taxCode":"C003-00-2","item":{"SKU":"B","displayName":"A","description":"B","price":4990}}'
        $out = New-AdvancedCommerceJws -Key $key -Request "[$good,$bad,$good]" -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out | Should -HaveCount 2
        $out | ForEach-Object { Test-Es256Signature -Token $_.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue }
        ($out.RequestReferenceId | Sort-Object -Unique) | Should -HaveCount 2
        $errors | Should -HaveCount 1
        $errors[0].Exception.Message | Should -Match '^Request \[1\] of the array: '
    }

    It 'JSON lines that never close are one error at the end of the run' {
        $null = @('{"operation":"CREATE_ONE_TIME_CHARGE",', '"currency":"USD"') | New-AdvancedCommerceJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].Exception.Message | Should -Match 'never closed'
        $errors[0].Exception.Message | Should -Match 'not valid JSON'
    }
}

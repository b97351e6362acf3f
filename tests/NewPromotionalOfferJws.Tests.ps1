# New-PromotionalOfferJws: the promotional offer JWS of StoreKit, its claims, bulk signing from rows, and input as ops
# scripts have it.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:folder = New-TestFolder
    $script:cmdlet = Get-CmdletTypeName New-PromotionalOfferJws
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'New-PromotionalOfferJws' {
    It 'signs the StoreKit claims and nothing else' {
        $before = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $jws = New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1 -TransactionId 2000000123456789
        $parts = Assert-BaseClaim $jws 'promotional-offer' -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.iat | Should -BeGreaterOrEqual $before
        $parts.Payload.iat | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds())
        $parts.Payload.productId | Should -BeExactly 'com.example.sub'
        $parts.Payload.offerIdentifier | Should -BeExactly 'WINBACK1'
        $parts.Payload.transactionId | Should -BeExactly '2000000123456789'
        ($parts.Payload.Keys | Sort-Object) | Should -Be (@('aud', 'bid', 'iat', 'iss', 'nonce', 'offerIdentifier', 'productId', 'transactionId') | Sort-Object)
        (Get-ClaimType $parts.PayloadJson).transactionId | Should -Be 'String'
        $jws.ProductId | Should -BeExactly 'com.example.sub'
        $jws.OfferIdentifier | Should -BeExactly 'WINBACK1'
        $jws.TransactionId | Should -BeExactly '2000000123456789'
    }

    It 'omits transactionId when it is <Name>' -ForEach @(
        @{ Name = 'not given'; Parameters = @{} }
        @{ Name = 'null'; Parameters = @{ TransactionId = $null } }
        @{ Name = 'empty'; Parameters = @{ TransactionId = '' } }
        @{ Name = 'whitespace'; Parameters = @{ TransactionId = '   ' } }
    ) {
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o @Parameters
        $parts = Assert-BaseClaim $jws 'promotional-offer' -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.Keys | Should -Not -Contain 'transactionId'
        $parts.PayloadJson | Should -Not -Match 'transactionId'
        $jws.TransactionId | Should -BeNullOrEmpty
    }

    It 'reports <Id> for a row with <Name>, as a non-terminating error' -ForEach @(
        @{ Name = 'an empty productId'; Row = @{ ProductId = ''; OfferIdentifier = 'o' }; Id = 'ProductIdMissing' }
        @{ Name = 'a blank offerIdentifier'; Row = @{ ProductId = 'p'; OfferIdentifier = '  ' }; Id = 'OfferIdentifierMissing' }
        @{ Name = 'a padded productId'; Row = @{ ProductId = ' p'; OfferIdentifier = 'o' }; Id = 'ProductIdHasWhitespace' }
        @{ Name = 'a padded transactionId'; Row = @{ ProductId = 'p'; OfferIdentifier = 'o'; TransactionId = '12 ' }; Id = 'TransactionIdHasWhitespace' }
    ) {
        $rows = @([pscustomobject]@{ ProductId = 'first'; OfferIdentifier = 'o' }, [pscustomobject]$Row, [pscustomobject]@{ ProductId = 'last'; OfferIdentifier = 'o' })
        $out = $rows | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable closing -WarningAction SilentlyContinue
        $out.ProductId | Should -Be @('first', 'last')
        $errors | Should -HaveCount 1
        "$closing" | Should -BeLike 'Signed 2, refused 1:*'
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -Match ($Id -replace '(Missing|HasWhitespace)$' -replace '^(.)', { $_.Value.ToLower() })
    }

    It 'refuses a row with <Name> with <Id>, and signs the rows around it' -ForEach @(
        @{ Name = 'a lone high surrogate in productId'; Row = @{ ProductId = "p$([char]0xD800)"; OfferIdentifier = 'o' }; Id = 'UnpairedSurrogate' }
        @{ Name = 'a lone low surrogate in offerIdentifier'; Row = @{ ProductId = 'p'; OfferIdentifier = "$([char]0xDC00)o" }; Id = 'UnpairedSurrogate' }
        @{ Name = 'a 10 MB productId (a token Test-AppStoreJws would refuse)'; Row = @{ ProductId = 'p' * 10MB; OfferIdentifier = 'o' }; Id = 'JwsTooLarge' }
    ) {
        $rows = @([pscustomobject]@{ ProductId = 'first'; OfferIdentifier = 'o' }, [pscustomobject]$Row, [pscustomobject]@{ ProductId = 'last'; OfferIdentifier = 'o' })
        $out = $rows | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable closing -WarningAction SilentlyContinue
        $out.ProductId | Should -Be @('first', 'last')
        $errors | Should -HaveCount 1
        "$closing" | Should -BeLike 'Signed 2, refused 1:*'
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'signs a productId with a whole surrogate pair, and a token just under the verifier''s limit' {
        $emoji = New-PromotionalOfferJws -Key $key -ProductId "p$([char]::ConvertFromUtf32(0x1F600))" -OfferIdentifier o
        (Get-JwsPart $emoji.Token).Payload.productId | Should -BeExactly "p$([char]::ConvertFromUtf32(0x1F600))"
        $big = New-PromotionalOfferJws -Key $key -ProductId ('p' * 190KB) -OfferIdentifier o
        $big.Token.Length | Should -BeLessOrEqual 256KB
        (Test-AppStoreJws -Token $big.Token -Key $key).Checks.Name | Should -Not -BeNullOrEmpty
    }

    It 'takes the bundle ID from -BundleId over the key''s' {
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -BundleId com.example.other
        (Get-JwsPart $jws.Token).Payload.bid | Should -BeExactly 'com.example.other'
        $jws.BundleId | Should -BeExactly 'com.example.other'
    }

    It 'stops with BundleIdMissing when neither the key nor -BundleId has one' {
        $bare = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId)
        { New-PromotionalOfferJws -Key $bare -ProductId p -OfferIdentifier o } |
            Should -Throw -ErrorId "BundleIdMissing,$cmdlet"
    }

    It 'stops with IssuerIdMissing, saying how to fix it, when the key has no issuer ID' {
        $bare = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -BundleId com.example.app
        $err = try { 1..3 | ForEach-Object { [pscustomobject]@{ ProductId = "p$_"; OfferIdentifier = 'o' } } | New-PromotionalOfferJws -Key $bare } catch { $_ }
        $err.FullyQualifiedErrorId | Should -Be "IssuerIdMissing,$cmdlet"
        $err.Exception.Message | Should -Match 'Get-AppStoreKey -IssuerId'
    }

    It 'uses a fixed -IssuedAt and -Nonce (for tests)' {
        $at = [DateTimeOffset]::new(2026, 1, 2, 3, 4, 5, 678, [TimeSpan]::Zero)
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -IssuedAt $at -Nonce 'A1B2C3D4-0000-4000-8000-00000000000F'
        $parts = Assert-BaseClaim $jws 'promotional-offer' -PublicKeyPem $key.PublicKeyPem
        $parts.Payload.iat | Should -Be 1767323045
        $parts.Payload.nonce | Should -BeExactly 'a1b2c3d4-0000-4000-8000-00000000000f'
    }

    It 'backdates iat by -ClockSkew' {
        $at = [DateTimeOffset]::FromUnixTimeSeconds(1700000000)
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -IssuedAt $at -ClockSkew (New-TimeSpan -Seconds 30)
        (Get-JwsPart $jws.Token).Payload.iat | Should -Be 1699999970
    }

    It 'reads a bare -ClockSkew number as seconds, not ticks' {
        $at = [DateTimeOffset]::FromUnixTimeSeconds(1700000000)
        $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -IssuedAt $at -ClockSkew 45
        (Get-JwsPart $jws.Token).Payload.iat | Should -Be 1699999955
    }

    It 'refuses <Name> before signing anything' -ForEach @(
        @{ Name = 'a negative -ClockSkew'; Parameters = @{ ClockSkew = New-TimeSpan -Seconds -5 }; Id = 'InvalidClockSkew' }
        @{ Name = 'a -ClockSkew over 10 minutes'; Parameters = @{ ClockSkew = New-TimeSpan -Minutes 11 }; Id = 'InvalidClockSkew' }
        @{ Name = 'a -Nonce that is not a UUID'; Parameters = @{ Nonce = 'abc' }; Id = 'InvalidNonce' }
        @{ Name = 'an -IssuedAt of MaxValue'; Parameters = @{ IssuedAt = [DateTimeOffset]::MaxValue }; Id = 'InvalidIssuedAt' }
        @{ Name = 'an -IssuedAt of MinValue with -ClockSkew'; Parameters = @{ IssuedAt = [DateTimeOffset]::MinValue; ClockSkew = 30 }; Id = 'InvalidIssuedAt' }
        @{ Name = 'an -IssuedAt before 2000 (the linter rejects it)'; Parameters = @{ IssuedAt = [DateTimeOffset]'1990-01-01Z' }; Id = 'InvalidIssuedAt' }
        @{ Name = 'an -IssuedAt far in the future'; Parameters = @{ IssuedAt = [DateTimeOffset]'2200-01-01Z' }; Id = 'InvalidIssuedAt' }
    ) {
        { New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o @Parameters } |
            Should -Throw -ErrorId "$Id,$cmdlet"
    }

    It 'shows the exact signed header and payload with -Verbose, and no key material' {
        $records = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -Verbose 4>&1
        $jws = $records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = $records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $parts = Get-JwsPart $jws.Token
        $verbose | Should -Contain ('Signed JWS header: ' + $parts.HeaderJson)
        $verbose | Should -Contain ('Signed JWS payload: ' + $parts.PayloadJson)
        $body = ($pem -split "`n" | Where-Object { $_ -notmatch '-----' }) -join ''
        ($verbose -join "`n") | Should -Not -Match ([regex]::Escape($body.Substring(20, 30)))
    }

    It 'gives every token a fresh nonce' {
        $nonces = 1..500 | ForEach-Object { (New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o).Nonce }
        ($nonces | Sort-Object -Unique) | Should -HaveCount 500
        $nonces | ForEach-Object { $_ | Should -MatchExactly (Get-UuidV4Pattern) }
    }

    It 'shows a readable table by default' {
        $text = New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1 | Out-String -Width 200
        $text | Should -Match 'ProductId\s+OfferIdentifier\s+TransactionId\s+Token'
        $text | Should -Match 'com.example.sub\s+WINBACK1'
    }
}

Describe 'Bulk signing through CSV' {
    It 'round-trips 1,000 rows, signing the good ones and reporting the bad ones' {
        $csv = Join-Path $folder 'offers.csv'
        $signed = Join-Path $folder 'signed.csv'
        $bad = @(17, 250, 251, 999)
        $rows = 1..1000 | ForEach-Object {
            [pscustomobject]@{
                productId       = if ($_ -in $bad) { '' } else { "com.example.product$_" }
                offerIdentifier = "offer$($_ % 7)"
                transactionId   = if ($_ % 3 -eq 0) { '' } else { "2000000$_" }
            }
        }
        $rows | Export-Csv -LiteralPath $csv
        Import-Csv -LiteralPath $csv | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable closing -WarningAction SilentlyContinue |
            Export-Csv -LiteralPath $signed
        $errors | Should -HaveCount $bad.Count
        "$closing" | Should -BeLike 'Signed 996, refused 4:*'
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "ProductIdMissing,$cmdlet" }

        $back = Import-Csv -LiteralPath $signed
        $back | Should -HaveCount (1000 - $bad.Count)
        ($back.Nonce | Sort-Object -Unique) | Should -HaveCount $back.Count
        foreach ($row in $back) {
            Test-Es256Signature -Token $row.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
            $payload = (Get-JwsPart $row.Token).Payload
            $payload.productId | Should -BeExactly $row.ProductId
            $payload.offerIdentifier | Should -BeExactly $row.OfferIdentifier
            $payload.nonce | Should -BeExactly $row.Nonce
            if ($row.TransactionId) { $payload.transactionId | Should -BeExactly $row.TransactionId }
            else { $payload.Keys | Should -Not -Contain 'transactionId' }
        }
    }
}

# Input as ops scripts really produce it: CSV rows with their own spellings and empty cells, values as text,
# key files as people keep them. Every rule is checked with the forms that broke it and variants.
Describe 'A bulk run finishes, and every failure points at its row' {
    BeforeAll {
        $pem = New-TestKeyPem
        $key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
        $noBundleKey = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId)
        $promo = Get-CmdletTypeName New-PromotionalOfferJws
    }

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

# Input as ops scripts really produce it: CSV rows with their own spellings and empty cells, values as text,
# key files as people keep them. Every rule is checked with the forms that broke it and variants.
Describe 'Column spellings people use bind' {
    BeforeAll {
        $pem = New-TestKeyPem
        $key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    }

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
        Assert-Token $jws.Token @{ $Claim = $Value } -PublicKeyPem $key.PublicKeyPem | Out-Null
    }
}

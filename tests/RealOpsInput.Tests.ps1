# Input as ops scripts really produce it, across the cmdlets: -PassThru rows and values as text. Every rule is checked
# with the forms that broke it and variants. The forms of one cmdlet alone are tested in the file named after it.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:folder = New-TestFolder
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:v1 = Get-CmdletTypeName New-PromotionalOfferSignature
}

AfterAll {
    Remove-TestFolder $folder
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
        else { Test-V1Signature ([pscustomobject]@{ BundleId = 'com.example.app'; KeyId = 'ABCDE12345'; AppAccountToken = '' }) $back -PublicKeyPem $key.PublicKeyPem | Should -BeTrue }
    }

    It 'without a pipeline row, the parameters are the row' {
        $signed = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -PassThru
        $signed.ProductId | Should -Be 'p'
        $signed.OfferIdentifier | Should -Be 'o'
        $signed.PSObject.Properties.Name | Should -Not -Contain 'Key'
        Test-Es256Signature -Token $signed.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
    }

    It 'without a pipeline row, the run''s own parameters are not the row (a fixed -Nonce, -ThrottleLimit)' {
        $nonce = [guid]'0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'
        $signed = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -Nonce $nonce -ThrottleLimit 2 -PassThru
        $signed.PSObject.Properties.Name | Should -Be @('ProductId', 'OfferIdentifier', 'Token')
        (Get-JwsPart $signed.Token).Payload.nonce | Should -Be $nonce.ToString()
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

Describe 'A transaction ID is 1 to 19 digits that fit a signed 64-bit integer' {
    It 'refuses <Value> in a row, saying what was found' -ForEach @(
        @{ Value = '20000001234567890123456789'; Found = 'found 26 digits' }
        @{ Value = '9223372036854775808'; Found = 'more than 9223372036854775807' }
        @{ Value = '2000000123456789.0'; Found = 'found a decimal number \(the digits 2000000123456789 followed by ''\.0''\)' }
        @{ Value = '2000000x23456789'; Found = 'found the character ''x'' at position 8' }
    ) {
        foreach ($cmdlet in 'New-PromotionalOfferJws', 'New-IntroEligibilityJws') {
            $rows = @(
                [pscustomobject]@{ ProductId = 'a'; OfferIdentifier = 'o'; AllowIntroductoryOffer = 'true'; TransactionId = $Value }
                [pscustomobject]@{ ProductId = 'b'; OfferIdentifier = 'o'; AllowIntroductoryOffer = 'true'; TransactionId = '9223372036854775807' }
            )
            $out = $rows | & $cmdlet -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $out.ProductId | Should -Be 'b' -Because $cmdlet
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotDigits,*'
            $errors[0].Exception.Message | Should -Match $Found
            $errors[0].Exception.Message | Should -Match '1 to 19'
        }
    }

    It 'the Server API cmdlets refuse a 26-digit transaction ID before anything is sent' {
        $api = @{ Key = $key; BaseUri = 'http://127.0.0.1:9'; MaximumRetryCount = 0; TimeoutSec = 2; Environment = 'Sandbox' }
        $null = Get-AppStoreTransaction @api -TransactionId '20000001234567890123456789' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotDigits,*'
    }
}

# Rows as a messy export has them: every refused row is the module's own row error, numbered and counted.
Describe 'Every refused row is a numbered row error of the module' {
    BeforeAll {
        $script:intro = Get-CmdletTypeName New-IntroEligibilityJws
        $script:offer = Get-CmdletTypeName New-PromotionalOfferJws
    }

    It 'flag cells that are not booleans are row errors, and later rows keep their numbers' {
        $csv = Join-Path $folder 'flags.csv'
        Set-Content -LiteralPath $csv -Value @(
            'product_id,allow_introductory_offer,transaction_id'
            'p1,true,2000000000000001'
            'p2,maybe,2000000000000002'
            'p3,,2000000000000003'
            'p4,Y,2000000000000004'
            'p5,N,2000000000000005'
            'p6,2,2000000000000006'
            'p7,true,abc'
            'p8,no,2000000000000008'
        )
        $out = Import-Csv -LiteralPath $csv | New-IntroEligibilityJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $out.ProductId | Should -Be @('p1', 'p4', 'p5', 'p8')
        $out.AllowIntroductoryOffer | Should -Be @($true, $true, $false, $false)
        $errors | Should -HaveCount 4
        $errors.FullyQualifiedErrorId | Should -Be @("AllowIntroductoryOfferNotBoolean,$intro", "AllowIntroductoryOfferMissing,$intro", "AllowIntroductoryOfferNotBoolean,$intro", "TransactionIdNotDigits,$intro")
        $errors.ErrorDetails.Message | ForEach-Object { $_ -replace ' \(.*' } | Should -Be @('Row 2', 'Row 3', 'Row 6', 'Row 7')
        $errors[0].Exception.Message | Should -Match "'maybe' is not a boolean"
        $errors[1].Exception.Message | Should -Match 'required and was empty'
        $errors.TargetObject.product_id | Should -Be @('p2', 'p3', 'p6', 'p7')
        $warnings | Should -HaveCount 1
        $warnings[0].Message | Should -Match 'Signed 4, refused 4'
    }

    It 'the closing warning speaks when every row was refused' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ ProductId = "p$_"; AllowIntroductoryOffer = 'maybe'; TransactionId = '2000000000000001' } }
        $null = $rows | New-IntroEligibilityJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $errors | Should -HaveCount 3
        $warnings | Should -HaveCount 1
        $warnings[0].Message | Should -Match 'Signed 0, refused 3'
    }

    It 'key text in the flag cell is refused without being shown' {
        $row = [pscustomobject]@{ ProductId = 'p'; AllowIntroductoryOffer = $pem; TransactionId = '2000000000000001' }
        $null = $row | New-IntroEligibilityJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be "KeyTextInParameter,$intro"
        $errors[0].TargetObject | Should -BeNullOrEmpty
        ($errors[0] | Out-String) | Should -Not -Match '-----BEGIN'
    }

    It 'a required column missing from the first row is one terminating error naming it, its spellings and the columns' {
        $rows = 1..50 | ForEach-Object { [pscustomobject]@{ ProductId = "p$_"; Offer = 'o' } }
        $caught = $null
        try { $null = $rows | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be "OfferIdentifierMissing,$offer"
        $caught.Exception.Message | Should -Match 'no OfferIdentifier column \(accepted spellings: OfferIdentifier, OfferId, offer_id, offer_identifier, Offer ID, Offer Identifier; case, spaces'
        $caught.Exception.Message | Should -Match 'its columns are: ProductId, Offer\.'
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'OfferIdentifierMissing*' -and $_ -ne $caught -and -not $_.CategoryInfo.Reason.Equals('ParentContainsErrorRecordException') }).Count | Should -BeLessOrEqual 1
    }

    It 'headers spelled <Header> bind' -ForEach @(
        @{ Header = 'Product ID,Offer ID,Transaction ID' }
        @{ Header = 'PRODUCT-ID,Offer ID,transaction id' }
        @{ Header = 'product_id,OFFER-IDENTIFIER,original-transaction-id' }
    ) {
        $csv = Join-Path $folder 'headers.csv'
        Set-Content -LiteralPath $csv -Value @($Header, 'p1,o1,2000000000000001', 'p2,o2,2000000000000002')
        $out = Import-Csv -LiteralPath $csv | New-PromotionalOfferJws -Key $key
        $out.ProductId | Should -Be @('p1', 'p2')
        $out.OfferIdentifier | Should -Be @('o1', 'o2')
        $out.TransactionId | Should -Be @('2000000000000001', '2000000000000002')
        Assert-Token $out[1].Token @{ productId = 'p2'; offerIdentifier = 'o2'; transactionId = '2000000000000002' } -PublicKeyPem $key.PublicKeyPem | Out-Null
    }

    It 'a loosely spelled flag column binds through the flag''s own rule' {
        $rows = @(
            [pscustomobject]@{ 'Product ID' = 'p1'; 'Allow Introductory Offer' = 'Y'; 'Transaction ID' = '2000000000000001' }
            [pscustomobject]@{ 'Product ID' = 'p2'; 'Allow Introductory Offer' = 'perhaps'; 'Transaction ID' = '2000000000000002' }
        )
        $out = $rows | New-IntroEligibilityJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out.ProductId | Should -Be 'p1'
        $out.AllowIntroductoryOffer | Should -BeTrue
        $errors[0].FullyQualifiedErrorId | Should -Be "AllowIntroductoryOfferNotBoolean,$intro"
        $errors[0].ErrorDetails.Message | Should -Match '^Row 2 '
    }

    It 'key text in a loosely spelled column is refused without being shown' {
        $row = [pscustomobject]@{ 'Product ID' = $pem; 'Offer ID' = 'o' }
        $null = $row | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be "KeyTextInParameter,$offer"
        ($errors[0] | Out-String) | Should -Not -Match '-----BEGIN'
    }
}

Describe 'Update-AppStoreSubscriptionRenewalDate -ReasonCode speaks Apple''s words' {
    It 'takes Apple''s name of the parameter, extendReasonCode, as an alias' {
        (Get-Command Update-AppStoreSubscriptionRenewalDate).Parameters['ReasonCode'].Aliases | Should -Contain 'extendReasonCode'
    }

    It 'reads the reason <Name> as <Code>' -ForEach @(
        @{ Name = 'Undeclared'; Code = 0 }, @{ Name = 'customersatisfaction'; Code = 1 }, @{ Name = 'Other'; Code = 2 }, @{ Name = 'ServiceIssueOrOutage'; Code = 3 }, @{ Name = '3'; Code = '3' }
    ) {
        $transformation = (Get-Command Update-AppStoreSubscriptionRenewalDate).Parameters['ReasonCode'].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ArgumentTransformationAttribute] }
        $transformation.Transform($null, $Name) | Should -Be $Code
        # -WhatIf writes its "What if:" line straight to the host: the call runs where there is none.
        { Invoke-WithoutHost -Variables @{ key = $key; reason = $Name } -ScriptBlock { Update-AppStoreSubscriptionRenewalDate -Key $key -OriginalTransactionId 2000000123456789 -ExtendByDays 7 -ReasonCode $reason -WhatIf } } |
            Should -Not -Throw
    }

    It 'refuses a name that is not a reason, listing the reasons' {
        { Update-AppStoreSubscriptionRenewalDate -Key $key -OriginalTransactionId 2000000123456789 -ExtendByDays 7 -ReasonCode Goodwill -WhatIf } |
            Should -Throw -ExpectedMessage '*1 (CustomerSatisfaction)*'
    }

    It 'completes the numbers, named in their tooltips, and the names once a letter is typed' {
        $offered = (TabExpansion2 -inputScript ($line = 'Update-AppStoreSubscriptionRenewalDate -ReasonCode ') -cursorColumn $line.Length).CompletionMatches
        $offered.CompletionText | Should -Be @('0', '1', '2', '3')
        $cust = (TabExpansion2 -inputScript ($line = 'Update-AppStoreSubscriptionRenewalDate -ReasonCode cust') -cursorColumn $line.Length).CompletionMatches
        $cust.CompletionText | Should -Be 'CustomerSatisfaction'
        $cust.ToolTip | Should -BeExactly 'CustomerSatisfaction: 1'
        $s = (TabExpansion2 -inputScript ($line = 'Update-AppStoreSubscriptionRenewalDate -ReasonCode S') -cursorColumn $line.Length).CompletionMatches
        $s.CompletionText | Should -Be 'ServiceIssueOrOutage'
    }
}

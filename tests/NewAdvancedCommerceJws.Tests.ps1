# New-AdvancedCommerceJws: the Advanced Commerce API JWS, whose request claim is standard base64 of the request's compact
# UTF-8 JSON, and requests as scripts have them.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'AdvancedCommerce.TestData.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'AdvancedCommerce.TestData.ps1')
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:cmdlet = Get-CmdletTypeName New-AdvancedCommerceJws
}

Describe 'New-AdvancedCommerceJws' {
    It 'signs the example JSON of the Advanced Commerce documentation unchanged, as standard base64 of compact UTF-8 JSON' {
        $jws = New-AdvancedCommerceJws -Key $key -Request $specExample
        $parts = Get-JwsPart $jws.Token
        Test-Es256Signature -Token $jws.Token -PublicKeyPem $key.PublicKeyPem | Should -BeTrue
        $parts.HeaderJson | Should -BeExactly '{"alg":"ES256","kid":"ABCDE12345","typ":"JWT"}'
        ($parts.Payload.Keys | Sort-Object) | Should -Be @('aud', 'bid', 'iat', 'iss', 'nonce', 'request')
        $parts.Payload.aud | Should -BeExactly 'advanced-commerce-api'
        Get-RequestClaim $jws.Token | Should -BeExactly $specExample
        $jws.Operation | Should -BeExactly 'CREATE_ONE_TIME_CHARGE'
        $jws.RequestReferenceId | Should -BeExactly 'f55df048-4cd8-4261-b404-b6f813ff70e5'
        $jws.RequestJson | Should -BeExactly $specExample
    }

    It 'accepts the same request as <Form>' -ForEach @(
        @{ Form = 'a hashtable'; Make = { $specExample | ConvertFrom-Json -AsHashtable } }
        @{ Form = 'an ordered dictionary'; Make = { [ordered]@{ operation = 'CREATE_ONE_TIME_CHARGE'; version = '1'; requestInfo = [ordered]@{ requestReferenceId = 'f55df048-4cd8-4261-b404-b6f813ff70e5' }; currency = 'USD'; taxCode = 'C003-00-2'; storefront = 'USA'; item = [ordered]@{ SKU = 'BOOK_123'; displayName = 'A book'; description = 'An e-book'; price = 4990 } } } }
        @{ Form = 'a PSCustomObject'; Make = { $specExample | ConvertFrom-Json } }
        @{ Form = 'a request from New-AdvancedCommerceRequest'; Make = { New-AdvancedCommerceRequest CREATE_ONE_TIME_CHARGE -RequestReferenceId f55df048-4cd8-4261-b404-b6f813ff70e5 -Currency USD -TaxCode C003-00-2 -Storefront USA -Item @{ SKU = 'BOOK_123'; displayName = 'A book'; description = 'An e-book'; price = 4990 } } }
        @{ Form = 'pipeline input'; Make = { $specExample }; Piped = $true }
    ) {
        $request = & $Make
        $jws = if ($Piped) { $request | New-AdvancedCommerceJws -Key $key } else { New-AdvancedCommerceJws -Key $key -Request $request }
        Get-RequestClaim $jws.Token | Should -BeExactly $specExample
    }

    It 'keeps deeply nested input whole (no ConvertTo-Json depth truncation)' {
        $jws = New-AdvancedCommerceJws -Key $key -Request (New-SubscriptionRequest)
        $request = Get-RequestClaim $jws.Token | ConvertFrom-Json
        $request.items[0].offer.periodCount | Should -Be 2
        $request.items[0].offer.reason | Should -BeExactly 'ACQUISITION'
        $request.descriptors.displayName | Should -BeExactly 'Premium'
        $request.version | Should -BeExactly '1'
    }

    It 'generates a requestReferenceId when none is given and shows it' {
        $jws = New-AdvancedCommerceJws -Key $key -Request (New-SubscriptionRequest)
        $jws.RequestReferenceId | Should -MatchExactly (Get-UuidV4Pattern)
        (Get-RequestClaim $jws.Token | ConvertFrom-Json).requestInfo.requestReferenceId | Should -BeExactly $jws.RequestReferenceId
        (New-AdvancedCommerceJws -Key $key -Request (New-SubscriptionRequest)).RequestReferenceId | Should -Not -Be $jws.RequestReferenceId
    }

    It 'does not change a hashtable it is given' {
        $request = @{ operation = 'CREATE_ONE_TIME_CHARGE'; currency = 'USD'; taxCode = 'C003-00-2'; item = @{ SKU = 'B'; displayName = 'B'; description = 'B'; price = 1 } }
        $first = New-AdvancedCommerceJws -Key $key -Request $request
        $second = New-AdvancedCommerceJws -Key $key -Request $request
        $request.Keys | Should -Not -Contain 'requestInfo'
        $request.Keys | Should -Not -Contain 'version'
        $first.RequestReferenceId | Should -Not -Be $second.RequestReferenceId
    }

    It 'omits unset optional fields instead of sending null' {
        $request = $specExample | ConvertFrom-Json -AsHashtable
        $request.storefront = $null
        $request.requestInfo.appAccountToken = $null
        $json = Get-RequestClaim (New-AdvancedCommerceJws -Key $key -Request $request).Token
        $json | Should -Not -Match 'null'
        $json | Should -Not -Match 'storefront'
    }

    It 'carries both hand-off forms (body and header)' {
        $jws = New-AdvancedCommerceJws -Key $key -Request $specExample
        $jws.AdvancedCommerceData | Should -BeExactly ('{"signatureInfo":{"token":"' + $jws.Token + '"}}')
        [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($jws.AdvancedCommerceDataBase64)) | Should -BeExactly $jws.AdvancedCommerceData
        ($jws.AdvancedCommerceData | ConvertFrom-Json).signatureInfo.token | Should -BeExactly $jws.Token
    }

    It 'reads the Request column of a CSV row' {
        $row = [pscustomobject]@{ Customer = 'c1'; Request = $specExample }
        $jws = $row | New-AdvancedCommerceJws -Key $key
        Get-RequestClaim $jws.Token | Should -BeExactly $specExample
    }

    It 'refuses <Name> with <Id> for that row only, naming <Says>' -ForEach @(
        @{ Name = 'a server-only operation'; Request = '{"operation":"CANCEL_SUBSCRIPTION","version":"1"}'; Id = 'ServerOnlyOperation'; Says = 'New-AppStoreServerApiToken' }
        @{ Name = 'an unknown operation'; Request = '{"operation":"BUY_EVERYTHING"}'; Id = 'UnknownOperation'; Says = 'CREATE_ONE_TIME_CHARGE' }
        @{ Name = 'no operation'; Request = '{"currency":"USD"}'; Id = 'MissingOperation'; Says = 'operation' }
        @{ Name = 'a lowercase currency'; Request = $specExample.Replace('"USD"', '"usd"'); Id = 'InvalidAdvancedCommerceRequest'; Says = 'currency' }
        @{ Name = 'a fractional price'; Request = $specExample.Replace('4990', '49.90'); Id = 'InvalidAdvancedCommerceRequest'; Says = 'item.price' }
        @{ Name = 'a negative price'; Request = $specExample.Replace('4990', '-1'); Id = 'InvalidAdvancedCommerceRequest'; Says = 'item.price' }
        @{ Name = 'a 46-character description'; Request = $specExample.Replace('An e-book', ('d' * 46)); Id = 'InvalidAdvancedCommerceRequest'; Says = 'item.description' }
        @{ Name = 'a 31-character displayName'; Request = $specExample.Replace('A book', ('n' * 31)); Id = 'InvalidAdvancedCommerceRequest'; Says = 'item.displayName' }
        @{ Name = 'a 129-character SKU'; Request = $specExample.Replace('BOOK_123', ('S' * 129)); Id = 'InvalidAdvancedCommerceRequest'; Says = 'SKU' }
        @{ Name = 'version 2'; Request = $specExample.Replace('"version":"1"', '"version":"2"'); Id = 'InvalidAdvancedCommerceRequest'; Says = 'version' }
        @{ Name = 'a requestReferenceId that is not a UUID'; Request = $specExample.Replace('f55df048-4cd8-4261-b404-b6f813ff70e5', 'ref-1'); Id = 'InvalidAdvancedCommerceRequest'; Says = 'requestReferenceId' }
        @{ Name = 'a misspelled field'; Request = $specExample.Replace('"taxCode"', '"taxcod"'); Id = 'InvalidAdvancedCommerceRequest'; Says = 'taxcod' }
        @{ Name = 'invalid JSON'; Request = '{"operation":'; Id = 'InvalidAdvancedCommerceRequest'; Says = 'JSON' }
        @{ Name = 'a periodCount of 13'; Request = (New-SubscriptionRequest | ConvertTo-Json -Depth 10).Replace('"periodCount": 2', '"periodCount": 13'); Id = 'InvalidAdvancedCommerceRequest'; Says = 'periodCount' }
        @{ Name = 'an unknown period'; Request = (New-SubscriptionRequest | ConvertTo-Json -Depth 10).Replace('"P1M"', '"P5M"'); Id = 'InvalidAdvancedCommerceRequest'; Says = 'P1M' }
    ) {
        $requests = @($specExample, $Request, $specExample)
        $out = $requests | New-AdvancedCommerceJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable closing -WarningAction SilentlyContinue
        $out | Should -HaveCount 2
        $errors | Should -HaveCount 1
        "$closing" | Should -BeLike 'Signed 2, refused 1:*'
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($Says))
    }

    # Hostile request objects: each is a module error for its row, never a .NET exception that stops the run.
    It 'refuses <Name> with <Id> for that row only' -ForEach @(
        @{ Name = 'hashtables shared thirty levels deep (2^30 nodes when copied)'; Id = 'RequestTooLarge'; Category = 'InvalidData'
            Build = { $n = @{ operation = 'CREATE_ONE_TIME_CHARGE' }; foreach ($i in 1..30) { $n = @{ l = $n; r = $n } }; $n } }
        @{ Name = 'a hashtable that holds itself'; Id = 'RequestTooLarge'; Category = 'InvalidData'
            Build = { $h = @{ operation = 'CREATE_ONE_TIME_CHARGE' }; $h.self = @($h, $h); $h } }
        @{ Name = 'JSON longer than any token could carry'; Id = 'RequestTooLarge'; Category = 'InvalidData'
            Build = { $specExample.Replace('An e-book', ('d' * 300KB)) } }
        @{ Name = 'a NaN price'; Id = 'InvalidJsonValue'; Category = 'InvalidData'
            Build = { $r = $specExample | ConvertFrom-Json -AsHashtable; $r.item.price = [double]::NaN; $r } }
        @{ Name = 'a lone surrogate in a hashtable string'; Id = 'UnpairedSurrogate'; Category = 'InvalidArgument'
            Build = { $r = $specExample | ConvertFrom-Json -AsHashtable; $r.item.SKU = "BOOK$([char]0xD800)"; $r } }
        @{ Name = 'a lone escaped surrogate in JSON'; Id = 'InvalidAdvancedCommerceRequest'; Category = 'InvalidData'
            Build = { $specExample.Replace('BOOK_123', 'BOOK\ud800') } }
        @{ Name = 'Get-Item / (a property getter throws)'; Id = 'InvalidAdvancedCommerceRequest'; Category = 'InvalidData'; Build = { Get-Item -LiteralPath / } }
        @{ Name = 'Get-Process (a property getter throws)'; Id = 'InvalidAdvancedCommerceRequest'; Category = 'InvalidData'; Build = { Get-Process -Id $PID } }
    ) {
        $requests = @($specExample, (& $Build), $specExample)
        $out = $requests | New-AdvancedCommerceJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable closing -WarningAction SilentlyContinue
        $out | Should -HaveCount 2
        $errors | Should -HaveCount 1
        "$closing" | Should -BeLike 'Signed 2, refused 1:*'
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
        $errors[0].CategoryInfo.Category | Should -Be $Category
    }

    It 'shows the operation and request reference in its default table' {
        $text = New-AdvancedCommerceJws -Key $key -Request $specExample | Out-String -Width 250
        $text | Should -Match 'Operation\s+RequestReferenceId'
        $text | Should -Match 'CREATE_ONE_TIME_CHARGE\s+f55df048-4cd8-4261-b404-b6f813ff70e5'
    }
}

# Input as ops scripts really produce it: CSV rows with their own spellings and empty cells, values as text,
# key files as people keep them. Every rule is checked with the forms that broke it and variants.
Describe 'Advanced Commerce requests as scripts have them' {
    BeforeAll {
        $folder = New-TestFolder
        $pem = New-TestKeyPem
        $key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    }

    AfterAll {
        Remove-TestFolder $folder
    }

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

Describe 'An Advanced Commerce request is checked whole' {
    It 'one error lists every problem, the type problems included' {
        $request = @{ operation = 'CREATE_ONE_TIME_CHARGE'; currency = 'usd'; taxCode = 'C003-00-2'
            item = @{ SKU = 'BOOK_123'; displayName = 'A book'; description = 'd' * 46; price = 4.99 } }
        $null = New-AdvancedCommerceJws -Key $key -Request $request -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAdvancedCommerceRequest,*'
        $message = $errors[0].Exception.Message
        $message | Should -Match 'The request has 3 problems'
        $message | Should -Match 'item\.price must be a whole number of milliunits'
        $message | Should -Match "currency is 'usd'"
        $message | Should -Match 'item\.description is 46 characters'
    }

    It 'key text in any string of a -Request hashtable is refused as key text, and the request is not the target' {
        $pem = New-TestKeyPem
        foreach ($request in @(
            @{ operation = 'CREATE_ONE_TIME_CHARGE'; currency = 'USD'; taxCode = 'C003-00-2'; item = @{ SKU = $pem; displayName = 'A'; description = 'B'; price = 4990 } }
            [pscustomobject]@{ operation = 'CREATE_ONE_TIME_CHARGE'; currency = 'USD'; taxCode = 'C003-00-2'; item = [pscustomobject]@{ SKU = 'S'; displayName = @('A', $pem); description = 'B'; price = 4990 } }
        )) {
            $null = New-AdvancedCommerceJws -Key $key -Request $request -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'KeyTextInParameter,*'
            $errors[0].TargetObject | Should -BeNullOrEmpty
            ($errors[0] | Out-String) | Should -Not -Match '-----BEGIN'
        }
    }

    It 'key text in an -Item hashtable of New-AdvancedCommerceRequest is refused as key text' {
        $pem = New-TestKeyPem
        $null = New-AdvancedCommerceRequest -Operation CREATE_ONE_TIME_CHARGE -Currency USD -TaxCode C003-00-2 -Item @{ SKU = $pem; displayName = 'A'; description = 'B'; price = 4990 } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'KeyTextInParameter,*'
        ($errors[0] | Out-String) | Should -Not -Match '-----BEGIN'
    }
}

# Test-AppStoreJws: good tokens from this module, from Apple's official Node library and from jose pass; tokens
# with one deliberate defect each (crafted with jose and node:crypto, or by hand) fail the check that names it;
# and thousands of mutated tokens never make it, or ConvertFrom-AppStoreJws, throw.

BeforeDiscovery {
    # The defect cases are built at run time (they need keys and Node); their names are listed here for discovery.
    $defectNames = @(
        'a DER signature', 'an exp claim', 'an array aud', 'allowIntroductoryOffer as a string', 'an uppercase nonce', 'a base64url request',
        'a request without padding', 'an invalid request', 'a request with a lone surrogate escape', 'alg none', 'alg HS256', 'a misspelled claim', 'a missing claim that was misspelled',
        'a claim in a different case', 'milliseconds iat', 'a future iat', 'iat as a string', 'an empty transactionId', 'a null transactionId',
        'transactionId as a number', 'no transactionId for eligibility', 'no bid', 'the key ID as iss', 'a kid of another key', 'no typ',
        'an unknown audience', 'a server API token living 2 hours', 'a Connect API token living 30 minutes', 'an expired bearer token',
        'a bearer token without exp'
    )
}

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:issuer = Get-TestIssuerId
    $script:cmdlet = Get-CmdletTypeName Test-AppStoreJws
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId $issuer -BundleId com.example.app
    $script:folder = New-TestFolder
    $script:now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    $script:request = New-SampleOneTimeCharge -Description 'An e-book?>>>'
    $script:requestJson = $request | ConvertTo-Json -Depth 10 -Compress
    $script:requestBase64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($requestJson))
    # The defect cases need a base64 whose base64url form differs: one with '+' or '/', and with '=' padding.
    if ($requestBase64 -notmatch '[+/].*=$') { throw 'Change the sample request so its base64 has + or / and padding.' }

    function Get-Failure {
        param([Parameter(Mandatory)] $Report)
        @($Report.Checks | Where-Object Result -EQ 'Fail' | ForEach-Object { "$($_.Name): $($_.Message)" })
    }

    # StoreKit claims as Apple's libraries write them, with the feature claims of the audience; $Change edits them.
    function New-Claim {
        param([Parameter(Mandatory)] [string] $Audience, [hashtable] $Change = @{}, [string[]] $Remove = @())
        $claims = [ordered]@{ iss = $issuer; iat = $now; aud = $Audience; bid = 'com.example.app'; nonce = [guid]::NewGuid().ToString() }
        switch ($Audience) {
            'promotional-offer' { $claims.productId = 'com.example.sub'; $claims.offerIdentifier = 'WINBACK1'; $claims.transactionId = '2000000123456789' }
            'introductory-offer-eligibility' { $claims.productId = 'com.example.sub'; $claims.allowIntroductoryOffer = $false; $claims.transactionId = '2000000123456789' }
            'advanced-commerce-api' { $claims.request = $requestBase64 }
        }
        # Removed first: PowerShell's dictionaries ignore case, so productID would otherwise overwrite productId.
        foreach ($name in $Remove) { $claims.Remove($name) }
        foreach ($name in $Change.Keys) { $claims[$name] = $Change[$name] }
        $claims
    }

    # Signs every item with jose (or node:crypto for defective headers) in one call of the Node harness.
    function New-JoseToken {
        param([Parameter(Mandatory)] [object[]] $Items, [string] $Pem = $script:pem)
        $requestItems = foreach ($item in $Items) {
            $entry = @{}
            if ($item.HeaderText) { $entry.headerText = $item.HeaderText } else { $entry.header = if ($item.Header) { $item.Header } else { [ordered]@{ alg = 'ES256'; kid = '2X9R4HXF34'; typ = 'JWT' } } }
            if ($item.PayloadText) { $entry.payloadText = $item.PayloadText } else { $entry.payload = $item.Payload }
            if ($item.Der) { $entry.derSignature = $true }
            $entry
        }
        (Invoke-Interop jose-sign @{ privateKeyPem = $Pem; items = @($requestItems) }).tokens
    }

    $script:ourTokens = @(
        New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1 -TransactionId 2000000123456789
        New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1
        New-IntroEligibilityJws -Key $key -ProductId com.example.sub -AllowIntroductoryOffer $true -TransactionId 2000000123456789
        New-AdvancedCommerceJws -Key $key -Request $request
    )
    $apple = Invoke-Interop apple-tokens @{
        privateKeyPem    = $pem
        keyId            = $key.KeyId
        issuerId         = $issuer
        bundleId         = 'com.example.app'
        promotionalOffer = @{ productId = 'com.example.sub'; offerIdentifier = 'WINBACK1'; transactionId = '2000000123456789' }
        introEligibility = @{ productId = 'com.example.sub'; allowIntroductoryOffer = $false; transactionId = '2000000123456789' }
        advancedCommerce = $request
    }
    $script:appleTokens = @($apple.promotionalOffer, $apple.introEligibility, $apple.advancedCommerce)
    # Tokens made by jose for the tests below, signed in one call of the Node harness.
    $named = [ordered]@{
        ServerApi      = [ordered]@{ iss = $issuer; iat = $now; exp = $now + 300; aud = 'appstoreconnect-v1'; bid = 'com.example.app' }
        TeamKey        = [ordered]@{ iss = $issuer; iat = $now; exp = $now + 1200; aud = 'appstoreconnect-v1'; scope = @('GET /v1/apps?filter[platform]=IOS') }
        IndividualKey  = [ordered]@{ sub = 'user'; iat = $now; exp = $now + 600; aud = 'appstoreconnect-v1' }
        TenMinutesOld  = New-Claim promotional-offer -Change @{ iat = $now - 600 }
        SlightlyAhead  = New-Claim promotional-offer -Change @{ iat = $now + 30 }
        ControlCharacter = New-Claim promotional-offer -Change @{ productId = "x`e[31my" }
    }
    $signed = New-JoseToken @($named.Values.ForEach({ @{ Payload = $_ } }))
    $script:jose = @{}
    $index = 0
    foreach ($name in $named.Keys) { $jose[$name] = $signed[$index++] }

    # The core loads in the module's own load context, so its types are reached through an object, not by name.
    $script:checkNames = $ourTokens[0].GetType().Assembly.GetType('AppStoreJws.Inspection.JwsCheckNames').GetFields().ForEach({ $_.GetValue($null) })
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'Test-AppStoreJws with good tokens' {
    It 'passes our <Name> token with no failure and no warning' -ForEach @(
        @{ Index = 0; Name = 'promotional offer' }, @{ Index = 1; Name = 'promotional offer without transactionId' }
        @{ Index = 2; Name = 'introductory offer eligibility' }, @{ Index = 3; Name = 'Advanced Commerce' }
    ) {
        $report = $ourTokens[$Index] | Test-AppStoreJws -Key $key -BundleId com.example.app -IssuerId $issuer -Audience $ourTokens[$Index].Audience
        Get-Failure $report | Should -BeNullOrEmpty
        $report.IsValid | Should -BeTrue
        $report.Checks.Result | Should -Not -Contain 'Warning'
        $report.Token | Should -BeExactly $ourTokens[$Index].Token
        $report.Audience | Should -BeExactly $ourTokens[$Index].Audience
        $report.Checks.Name | Should -Contain 'Signature'
        $report.Checks.Name | ForEach-Object { $_ | Should -BeIn $checkNames }
    }

    It 'passes the <Name> token made by Apple''s official library' -ForEach @(
        @{ Index = 0; Name = 'promotional offer'; Checks = @('ProductId', 'OfferIdentifier', 'TransactionId') }
        @{ Index = 1; Name = 'introductory offer eligibility'; Checks = @('ProductId', 'AllowIntroductoryOffer', 'TransactionId') }
        @{ Index = 2; Name = 'Advanced Commerce'; Checks = @('RequestEncoding', 'Request') }
    ) {
        $report = Test-AppStoreJws -Token $appleTokens[$Index] -Key $key
        Get-Failure $report | Should -BeNullOrEmpty
        $report.IsValid | Should -BeTrue
        $report.Checks.Result | Should -Not -Contain 'Warning'
        foreach ($name in $Checks) { (Get-Check $report $name).Result | Should -Be 'Pass' }
    }

    It 'reports every check once, in a stable order' {
        $report = Test-AppStoreJws -Token $ourTokens[0].Token -Key $key
        $report.Checks.Name | Should -Be @('Structure', 'Whitespace', 'SignatureFormat', 'Signature', 'Algorithm', 'KeyId', 'Type', 'HeaderMembers', 'DuplicateMembers', 'Audience',
            'Issuer', 'IssuedAt', 'Expiration', 'BundleId', 'Nonce', 'ProductId', 'OfferIdentifier', 'TransactionId', 'UnknownClaims')
        foreach ($check in $report.Checks) { $check.Message | Should -Match '\.\)?$' -Because "$($check.Name) has a sentence" }
    }

    It 'passes the <Name> bearer token made by jose' -ForEach @(
        @{ Name = 'App Store Server API'; Token = 'ServerApi'; Expect = '60 minutes' }
        @{ Name = 'App Store Connect API team key'; Token = 'TeamKey'; Expect = '20 minutes' }
        @{ Name = 'App Store Connect API individual key'; Token = 'IndividualKey'; Expect = '20 minutes' }
    ) {
        $token = $jose[$Token]
        $report = Test-AppStoreJws -Token $token -Key $key -Audience appstoreconnect-v1
        Get-Failure $report | Should -BeNullOrEmpty
        $report.Checks.Result | Should -Not -Contain 'Warning'
        (Get-Check $report 'Expiration').Message | Should -Match $Expect
        (Get-Check $report 'Nonce') | Should -BeNullOrEmpty
    }

    It 'passes the bearer tokens of <Name>' -ForEach @(
        @{ Name = 'New-AppStoreServerApiToken'; Make = { New-AppStoreServerApiToken -Key $key -BundleId com.example.app } }
        @{ Name = 'New-AppStoreConnectApiToken'; Make = { New-AppStoreConnectApiToken -Key $key -Scope 'GET /v1/apps' } }
        @{ Name = 'New-AppStoreConnectApiToken -IndividualKey'; Make = { New-AppStoreConnectApiToken -Key $key -IndividualKey } }
    ) {
        $report = & $Make | Test-AppStoreJws -Key $key -Audience appstoreconnect-v1
        Get-Failure $report | Should -BeNullOrEmpty
        $report.Checks.Result | Should -Not -Contain 'Warning'
    }

    It 'reports the age of iat' {
        (Get-Check (Test-AppStoreJws $jose.TenMinutesOld -Key $key) 'IssuedAt').Message | Should -Match '1[01] minutes ago'
    }
}

Describe 'Test-AppStoreJws finds each defect with the check that names it' {
    BeforeAll {
        $upper = [guid]::NewGuid().ToString().ToUpperInvariant()
        $requestBase64Url = $requestBase64.TrimEnd('=').Replace('+', '-').Replace('/', '_')
        $script:cases = @(
            @{ Name = 'a DER signature'; Signed = @{ Payload = (New-Claim promotional-offer); Der = $true }; Check = 'SignatureFormat'; Pattern = 'DER-encoded signature; JWS needs 64-byte r‖s.*Converted to r‖s it verifies' }
            @{ Name = 'an exp claim'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ exp = $now + 300 }) }; Check = 'Expiration'; Pattern = 'must not carry exp' }
            @{ Name = 'an array aud'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ aud = @('promotional-offer') }) }; Check = 'Audience'; Pattern = 'array.*single string' }
            @{ Name = 'allowIntroductoryOffer as a string'; Signed = @{ Payload = (New-Claim introductory-offer-eligibility -Change @{ allowIntroductoryOffer = 'false' }) }; Check = 'AllowIntroductoryOffer'; Pattern = 'the string "false"; it must be the JSON boolean false' }
            @{ Name = 'an uppercase nonce'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ nonce = $upper }) }; Check = 'Nonce'; Pattern = 'uppercase' }
            @{ Name = 'a base64url request'; Signed = @{ Payload = (New-Claim advanced-commerce-api -Change @{ request = $requestBase64Url }) }; Check = 'RequestEncoding'; Pattern = 'base64url.*padding is missing' }
            @{ Name = 'a request without padding'; Signed = @{ Payload = (New-Claim advanced-commerce-api -Change @{ request = $requestBase64.TrimEnd('=') }) }; Check = 'RequestEncoding'; Pattern = 'padding is missing' }
            @{ Name = 'an invalid request'; Signed = @{ Payload = (New-Claim advanced-commerce-api -Change @{ request = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($requestJson.Replace('4990', '-5'))) }) }; Check = 'Request'; Pattern = 'InvalidAdvancedCommerceRequest.*price' }
            @{ Name = 'a request with a lone surrogate escape'; Signed = @{ Payload = (New-Claim advanced-commerce-api -Change @{ request = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($requestJson.Replace('BOOK_123', '\uD800'))) }) }; Check = 'Request'; Pattern = 'InvalidAdvancedCommerceRequest.*cannot be read' }
            @{ Name = 'alg none'; Signed = @{ HeaderText = '{"alg":"none","kid":"2X9R4HXF34","typ":"JWT"}'; Payload = (New-Claim promotional-offer) }; Check = 'Algorithm'; Pattern = '"none".*unsigned' }
            @{ Name = 'alg HS256'; Signed = @{ HeaderText = '{"alg":"HS256","kid":"2X9R4HXF34","typ":"JWT"}'; Payload = (New-Claim promotional-offer) }; Check = 'Algorithm'; Pattern = 'HS256.*ES256' }
            @{ Name = 'a misspelled claim'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ offerId = 'WINBACK1' } -Remove offerIdentifier) }; Check = 'UnknownClaims'; Pattern = '"offerId" \(did you mean ''offerIdentifier''\?\)' }
            @{ Name = 'a missing claim that was misspelled'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ offerId = 'WINBACK1' } -Remove offerIdentifier) }; Check = 'OfferIdentifier'; Pattern = 'missing.*"offerId" instead' }
            @{ Name = 'a claim in a different case'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ productID = 'x' } -Remove productId) }; Check = 'UnknownClaims'; Pattern = 'did you mean ''productId''' }
            @{ Name = 'milliseconds iat'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ iat = $now * 1000 }) }; Check = 'IssuedAt'; Pattern = '13 digits.*looks like milliseconds' }
            @{ Name = 'a future iat'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ iat = $now + 3600 }) }; Check = 'IssuedAt'; Pattern = '(59|60) minutes in the future' }
            @{ Name = 'iat as a string'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ iat = "$now" }) }; Check = 'IssuedAt'; Pattern = 'remove the quotes' }
            @{ Name = 'an empty transactionId'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ transactionId = '' }) }; Check = 'TransactionId'; Pattern = 'omit the claim' }
            @{ Name = 'a null transactionId'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ transactionId = $null }) }; Check = 'TransactionId'; Pattern = 'null' }
            @{ Name = 'transactionId as a number'; Signed = @{ Payload = (New-Claim introductory-offer-eligibility -Change @{ transactionId = 2000000123456789 }) }; Check = 'TransactionId'; Pattern = 'must be a string' }
            @{ Name = 'no transactionId for eligibility'; Signed = @{ Payload = (New-Claim introductory-offer-eligibility -Remove transactionId) }; Check = 'TransactionId'; Pattern = 'missing' }
            @{ Name = 'no bid'; Signed = @{ Payload = (New-Claim promotional-offer -Remove bid) }; Check = 'BundleId'; Pattern = 'missing' }
            @{ Name = 'the key ID as iss'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ iss = '2X9R4HXF34' }) }; Check = 'Issuer'; Pattern = 'swapped' }
            @{ Name = 'a kid of another key'; Signed = @{ Header = [ordered]@{ alg = 'ES256'; kid = 'ZZZZZ99999'; typ = 'JWT' }; Payload = (New-Claim promotional-offer) }; Check = 'KeyId'; Pattern = 'ZZZZZ99999.*2X9R4HXF34' }
            @{ Name = 'no typ'; Signed = @{ Header = [ordered]@{ alg = 'ES256'; kid = '2X9R4HXF34' }; Payload = (New-Claim promotional-offer) }; Check = 'Type'; Pattern = 'no typ' }
            @{ Name = 'an unknown audience'; Signed = @{ Payload = (New-Claim promotional-offer -Change @{ aud = 'promotional-offers' }) }; Check = 'Audience'; Pattern = 'did you mean "promotional-offer"' }
            @{ Name = 'a server API token living 2 hours'; Signed = @{ Payload = [ordered]@{ iss = $issuer; iat = $now; exp = $now + 7200; aud = 'appstoreconnect-v1'; bid = 'com.example.app' } }; Check = 'Expiration'; Pattern = 'limit .* is 60 minutes' }
            @{ Name = 'a Connect API token living 30 minutes'; Signed = @{ Payload = [ordered]@{ iss = $issuer; iat = $now; exp = $now + 1800; aud = 'appstoreconnect-v1' } }; Check = 'Expiration'; Pattern = 'limit .* is 20 minutes' }
            @{ Name = 'an expired bearer token'; Signed = @{ Payload = [ordered]@{ iss = $issuer; iat = $now - 3600; exp = $now - 3300; aud = 'appstoreconnect-v1'; bid = 'com.example.app' } }; Check = 'Expiration'; Pattern = 'expired' }
            @{ Name = 'a bearer token without exp'; Signed = @{ Payload = [ordered]@{ iss = $issuer; iat = $now; aud = 'appstoreconnect-v1'; bid = 'com.example.app' } }; Check = 'Expiration'; Pattern = 'missing' }
        )
        $tokens = New-JoseToken @($cases.Signed)
        for ($i = 0; $i -lt $cases.Count; $i++) { $cases[$i].Token = $tokens[$i] }
    }

    It 'has a test for every defect case' -ForEach @(@{ Names = $defectNames }) {
        ($cases.Name | Sort-Object) | Should -Be ($Names | Sort-Object)
    }

    It 'catches <Name> with the check that names it' -ForEach $defectNames.ForEach({ @{ Name = $_ } }) {
        $case = $cases | Where-Object { $_.Name -eq $Name }
        $report = Test-AppStoreJws -Token $case.Token -Key $key
        $report.IsValid | Should -BeFalse
        $check = Get-Check $report $case.Check
        $check | Should -HaveCount 1
        $check.Result | Should -Be 'Fail'
        $check.Message | Should -Match $case.Pattern
        Test-AppStoreJws -Token $case.Token -Key $key -Quiet | Should -BeFalse
    }

    It 'fails only <Check> for <Name>, so the report points at the cause' -ForEach @(
        @{ Name = 'an exp claim'; Check = 'Expiration' }, @{ Name = 'an uppercase nonce'; Check = 'Nonce' }
        @{ Name = 'allowIntroductoryOffer as a string'; Check = 'AllowIntroductoryOffer' }, @{ Name = 'alg none'; Check = 'Algorithm' }
        @{ Name = 'milliseconds iat'; Check = 'IssuedAt' }, @{ Name = 'a request without padding'; Check = 'RequestEncoding' }
    ) {
        $case = $cases | Where-Object { $_.Name -eq $Name }
        @((Test-AppStoreJws -Token $case.Token -Key $key).Checks | Where-Object Result -EQ 'Fail').Name | Should -Be @($Check)
    }

    It 'says whether a DER signature would verify, and never verifies it as a JWS' {
        $case = $cases | Where-Object { $_.Name -eq 'a DER signature' }
        (Get-Check (Test-AppStoreJws $case.Token -Key $key) 'Signature').Result | Should -Be 'Fail'
        $other = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34
        (Get-Check (Test-AppStoreJws $case.Token -Key $other) 'SignatureFormat').Message | Should -Match 'would not verify'
    }

    It 'still checks the content of a base64url request' {
        $case = $cases | Where-Object { $_.Name -eq 'a base64url request' }
        (Get-Check (Test-AppStoreJws $case.Token -Key $key) 'Request').Result | Should -Be 'Pass'
    }

    It 'verifies as ES256 whatever alg says: a validly signed alg none token fails only Algorithm' {
        $case = $cases | Where-Object { $_.Name -eq 'alg none' }
        (Get-Check (Test-AppStoreJws $case.Token -Key $key) 'Signature').Result | Should -Be 'Pass'
    }

    It 'fails an unsigned alg none token on Algorithm, SignatureFormat and Signature' {
        $token = (ConvertTo-Base64Url '{"alg":"none","typ":"JWT","kid":"2X9R4HXF34"}') + '.' + (ConvertTo-Base64Url ((New-Claim promotional-offer) | ConvertTo-Json -Compress)) + '.'
        $report = Test-AppStoreJws $token -Key $key
        foreach ($name in 'Algorithm', 'SignatureFormat', 'Signature') { (Get-Check $report $name).Result | Should -Be 'Fail' }
        (Get-Check $report 'SignatureFormat').Message | Should -Match 'empty'
    }

    It 'fails Signature for a token signed by another key' {
        $token = New-JoseToken @(@{ Payload = (New-Claim promotional-offer) }) -Pem (New-TestKeyPem)
        $report = Test-AppStoreJws $token -Key $key
        (Get-Check $report 'Signature').Result | Should -Be 'Fail'
        (Get-Check $report 'Signature').Message | Should -Match 'another key'
        (Get-Failure $report) | Should -HaveCount 1
    }

    It 'fails Signature for a tampered payload' {
        $parts = $ourTokens[0].Token.Split('.')
        $payload = [Text.Encoding]::UTF8.GetString(($parts[1] | ConvertFrom-Base64Url)).Replace('WINBACK1', 'WINBACK9')
        $tampered = $parts[0] + '.' + (ConvertTo-Base64Url $payload) + '.' + $parts[2]
        $report = Test-AppStoreJws $tampered -Key $key
        @(Get-Failure $report) | Should -HaveCount 1
        (Get-Check $report 'Signature').Result | Should -Be 'Fail'
    }

    It 'honours -ClockTolerance, in seconds or as a TimeSpan' {
        $token = $jose.SlightlyAhead
        (Get-Check (Test-AppStoreJws $token -Key $key) 'IssuedAt').Result | Should -Be 'Pass'
        (Get-Check (Test-AppStoreJws $token -Key $key -ClockTolerance 5) 'IssuedAt').Result | Should -Be 'Fail'
        (Get-Check (Test-AppStoreJws $token -Key $key -ClockTolerance ([timespan]::FromSeconds(5))) 'IssuedAt').Message | Should -Match 'tolerance'
    }

    It 'checks the expectations -<Parameter> sets' -ForEach @(
        @{ Parameter = 'BundleId'; Value = 'com.example.other'; Check = 'BundleId' }
        @{ Parameter = 'IssuerId'; Value = '11111111-2222-3333-4444-555555555555'; Check = 'Issuer' }
        @{ Parameter = 'Audience'; Value = 'introductory-offer-eligibility'; Check = 'Audience' }
    ) {
        $expectation = @{ $Parameter = $Value }
        $report = Test-AppStoreJws $ourTokens[0].Token -Key $key @expectation
        (Get-Check $report $Check).Result | Should -Be 'Fail'
        (Get-Check $report $Check).Message | Should -Match ([regex]::Escape($Value))
        @(Get-Failure $report) | Should -HaveCount 1
    }

    # Header and payload written by hand (member order, duplicates, crit), signed here with .NET's ECDsa.
    It '<Result>s <Check> for <Name>' -ForEach @(
        @{ Name = 'a crit header'; Header = '{"alg":"ES256","kid":"2X9R4HXF34","typ":"JWT","crit":["exp"]}'; Check = 'HeaderMembers'; Result = 'Fail'; Pattern = 'crit' }
        @{ Name = 'an empty crit'; Header = '{"alg":"ES256","kid":"2X9R4HXF34","typ":"JWT","crit":[]}'; Check = 'HeaderMembers'; Result = 'Fail'; Pattern = 'crit' }
        @{ Name = 'alg twice in the header'; Header = '{"alg":"none","kid":"2X9R4HXF34","typ":"JWT","alg":"ES256"}'; Check = 'DuplicateMembers'; Result = 'Warning'; Pattern = 'header has "alg" 2 times \(first "none", last "ES256"\).*take the last \("ES256"\)' }
        @{ Name = 'productId twice in the payload'; Payload = { param($p) $p.Replace('"productId":"com.example.sub"', '"productId":"com.example.free","productId":"com.example.sub"') }; Check = 'DuplicateMembers'; Result = 'Warning'; Pattern = 'payload has "productId" 2 times.*verifier that takes the first reads "com.example.free"' }
    ) {
        $ecdsa = [Security.Cryptography.ECDsa]::Create(); $ecdsa.ImportFromPem($pem)
        $headerJson = if ($Header) { $Header } else { '{"alg":"ES256","kid":"2X9R4HXF34","typ":"JWT"}' }
        $payloadJson = New-Claim promotional-offer | ConvertTo-Json -Compress
        if ($Payload) { $payloadJson = & $Payload $payloadJson }
        $signingInput = (ConvertTo-Base64Url $headerJson) + '.' + (ConvertTo-Base64Url $payloadJson)
        $signature = $ecdsa.SignData([Text.Encoding]::ASCII.GetBytes($signingInput), [Security.Cryptography.HashAlgorithmName]::SHA256, 'IeeeP1363FixedFieldConcatenation')
        $report = Test-AppStoreJws -Token "$signingInput.$(ConvertTo-Base64Url $signature)" -Key $key
        (Get-Check $report Signature).Result | Should -Be 'Pass'
        $check = Get-Check $report $Check
        $check.Result | Should -Be $Result
        $check.Message | Should -Match $Pattern
        if ($Result -eq 'Fail') { $report.IsValid | Should -BeFalse }
    }

    It 'fails Whitespace for a token with <Name> around it, and judges the rest as trimmed' -ForEach @(
        @{ Name = 'a trailing line break'; Before = ''; After = "`n" }
        @{ Name = 'a leading space'; Before = ' '; After = '' }
        @{ Name = 'tabs on both sides'; Before = "`t"; After = "`t" }
    ) {
        $token = (New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1).Token
        $report = Test-AppStoreJws -Token "$Before$token$After" -Key $key
        $report.IsValid | Should -BeFalse
        @($report.Checks | Where-Object Result -EQ 'Fail').Name | Should -Be @('Whitespace')
        Test-AppStoreJws -Token $token -Key $key -Quiet | Should -BeTrue
    }

    It 'reports a Structure failure for <Name>, and no other check' -ForEach @(
        @{ Name = 'an empty string'; Token = ''; Pattern = 'empty' }
        @{ Name = 'two parts'; Token = 'abc.def'; Pattern = '3 parts' }
        @{ Name = 'random text'; Token = 'the quick brown fox'; Pattern = '3 parts' }
        @{ Name = 'bad base64url'; Token = 'a+b.c.d'; Pattern = 'base64url' }
        @{ Name = 'JSON that is not an object'; Token = 'WzFd.WzFd.AA'; Pattern = 'not an object' }
        @{ Name = 'a lone surrogate escape'; Token = 'eyJhbGciOiJcdUQ4MDAifQ.e30.AA'; Pattern = 'JSON' }
        @{ Name = 'a megabyte'; Token = ('a' * 1MB); Pattern = 'characters long' }
    ) {
        $report = Test-AppStoreJws -Token $Token -Key $key
        $report.IsValid | Should -BeFalse
        $report.Checks | Should -HaveCount 1
        $report.Checks[0].Name | Should -Be 'Structure'
        $report.Checks[0].Result | Should -Be 'Fail'
        $report.Checks[0].Message | Should -Match $Pattern
        $report.Decoded | Should -BeNullOrEmpty
    }

    It 'shows token text safely: control characters are escaped in messages' {
        $report = Test-AppStoreJws $jose.ControlCharacter -Key $key
        $report.Checks.Message | Where-Object { $_ -match "`e" } | Should -BeNullOrEmpty
        (Get-Check $report 'ProductId').Message | Should -Match '\\u001b'
        $report | Out-String | Should -Not -Match "`e"
    }
}

Describe 'Test-AppStoreJws input' {
    It 'takes tokens from the pipeline by value and by property name' {
        @($ourTokens | Test-AppStoreJws -Key $key).IsValid | Should -Be @($true, $true, $true, $true)
        @($ourTokens.Token | Test-AppStoreJws -Key $key -Quiet) | Should -Be @($true, $true, $true, $true)
        @($ourTokens | ConvertFrom-AppStoreJws | Test-AppStoreJws -Key $key -Quiet) | Should -Be @($true, $true, $true, $true)
        @([pscustomobject]@{ Token = $appleTokens[0] }, [pscustomobject]@{ Token = 'garbage' } | Test-AppStoreJws -Key $key -Quiet) | Should -Be @($true, $false)
    }

    It 'verifies with a public key given as <Name>' -ForEach @(
        @{ Name = 'PEM with -KeyId'; Parameters = { @{ PublicKey = $key.PublicKeyPem; KeyId = '2X9R4HXF34' } }; KeyIdResult = 'Pass' }
        @{ Name = 'PEM without a key ID'; Parameters = { @{ PublicKey = $key.PublicKeyPem } }; KeyIdResult = 'Warning' }
        @{ Name = 'a JWK with kid'; Parameters = { @{ PublicKey = $key.PublicKeyJwk } }; KeyIdResult = 'Pass' }
        @{ Name = 'a JWK without kid'; Parameters = { @{ PublicKey = ($key.PublicKeyJwk | ConvertFrom-Json | Select-Object kty, crv, x, y | ConvertTo-Json) } }; KeyIdResult = 'Warning' }
        @{ Name = 'PEM with escaped line breaks'; Parameters = { @{ PublicKey = $key.PublicKeyPem.Replace("`n", '\n'); KeyId = '2X9R4HXF34' } }; KeyIdResult = 'Pass' }
    ) {
        $parameters = & $Parameters
        $report = Test-AppStoreJws $ourTokens[0].Token @parameters
        $report.IsValid | Should -BeTrue
        (Get-Check $report 'Signature').Result | Should -Be 'Pass'
        (Get-Check $report 'KeyId').Result | Should -Be $KeyIdResult
    }

    It 'verifies with a .p8 file, taking the key ID from its name or -KeyId' {
        $path = New-TestKeyFile -Folder $folder -KeyId 2X9R4HXF34 -Pem $pem
        Test-AppStoreJws $ourTokens[0].Token -Path $path -Quiet | Should -BeTrue
        $other = Join-Path $folder 'key.p8'
        Copy-Item -LiteralPath $path -Destination $other
        Test-AppStoreJws $ourTokens[0].Token -Path $other -KeyId 2X9R4HXF34 -Quiet | Should -BeTrue
        (Get-Check (Test-AppStoreJws $ourTokens[0].Token -Path $other -KeyId ZZZZZ99999) 'KeyId').Result | Should -Be 'Fail'
    }

    It 'stops with <Id> for <Name>' -ForEach @(
        @{ Name = 'public key text that is not a key'; Id = 'PublicKeyNotRecognized'; Parameters = { @{ PublicKey = 'hello' } } }
        @{ Name = 'a JWK set'; Id = 'PublicKeyNotRecognized'; Parameters = { @{ PublicKey = '{"keys":[]}' } } }
        @{ Name = 'a JWK with a coordinate that is not base64url'; Id = 'PublicKeyNotRecognized'; Parameters = { @{ PublicKey = '{"kty":"EC","crv":"P-256","x":"!!!","y":"AQAB"}' } } }
        @{ Name = 'a JWK with a short coordinate'; Id = 'PublicKeyNotRecognized'; Parameters = { @{ PublicKey = '{"kty":"EC","crv":"P-256","x":"AQAB","y":"AQAB"}' } } }
        @{ Name = 'an empty public key'; Id = 'PublicKeyEmpty'; Parameters = { @{ PublicKey = '' } } }
        @{ Name = 'a private key as -PublicKey'; Id = 'PublicKeyIsPrivateKey'; Parameters = { @{ PublicKey = $pem } } }
        @{ Name = 'a P-384 public key'; Id = 'PublicKeyWrongCurve'; Parameters = { @{ PublicKey = (New-TestEcdsa -Curve ([System.Security.Cryptography.ECCurve+NamedCurves]::nistP384)).ExportSubjectPublicKeyInfoPem() } } }
        @{ Name = 'an RSA public key'; Id = 'PublicKeyWrongAlgorithm'; Parameters = { @{ PublicKey = [System.Security.Cryptography.RSA]::Create(2048).ExportSubjectPublicKeyInfoPem() } } }
        @{ Name = 'an RSA JWK'; Id = 'PublicKeyWrongAlgorithm'; Parameters = { @{ PublicKey = '{"kty":"RSA","n":"AQAB","e":"AQAB"}' } } }
        @{ Name = 'a JWK point off the curve'; Id = 'PublicKeyInvalidPoint'; Parameters = { @{ PublicKey = '{"kty":"EC","crv":"P-256","x":"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}' } } }
        @{ Name = 'an invalid -KeyId'; Id = 'InvalidKeyId'; Parameters = { @{ PublicKey = $key.PublicKeyPem; KeyId = 'abc' } } }
        @{ Name = 'a missing key file'; Id = 'KeyFileNotFound'; Parameters = { @{ Path = (Join-Path $folder 'AuthKey_NOPE123456.p8') } } }
        @{ Name = 'a negative -ClockTolerance'; Id = 'InvalidClockTolerance'; Parameters = { @{ Key = $key; ClockTolerance = -5 } } }
        @{ Name = 'an unknown -Audience'; Id = 'InvalidAudience'; Parameters = { @{ Key = $key; Audience = 'appstore' } } }
        @{ Name = 'a key ID as -IssuerId'; Id = 'KeyIdAndIssuerIdSwapped'; Parameters = { @{ Key = $key; IssuerId = '2X9R4HXF34' } } }
    ) {
        $parameters = & $Parameters
        { $ourTokens | Test-AppStoreJws @parameters } | Should -Throw -ErrorId "$Id,$cmdlet"
    }

    It 'shows a report as a table of checks' {
        $text = Test-AppStoreJws $ourTokens[0].Token -Key $key | Out-String -Width 200
        $text | Should -Match 'IsValid\s+: True'
        $text | Should -Match '(?m)^Result\s+Name\s+Message'
        $text | Should -Match '(?m)^Pass\s+SignatureFormat\s+64 bytes \(r‖s\)'
        "$(Test-AppStoreJws 'x' -Key $key)" | Should -Match '^Invalid: Structure failed'
    }
}

Describe 'Mutated tokens (seeded fuzzing)' {
    BeforeAll {
        # Mutations at two levels: characters of the compact token (which mostly breaks its structure), and characters
        # of the decoded JSON re-encoded as a token (which reaches the claim checks). The seed makes failures reproducible.
        $random = [Random]::new(20240531)
        $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}":,[]\é' + [char]0x00 + [char]0xD800
        $seeds = @($ourTokens.Token) + $appleTokens
        function Get-Mutant {
            param([string] $Text)
            switch ($random.Next(5)) {
                0 { $i = $random.Next($Text.Length); $Text.Remove($i, 1).Insert($i, [string]$alphabet[$random.Next($alphabet.Length)]) }
                1 { $Text.Insert($random.Next($Text.Length + 1), [string]$alphabet[$random.Next($alphabet.Length)]) }
                2 { $i = $random.Next($Text.Length); $Text.Remove($i, [Math]::Min($random.Next(1, 4), $Text.Length - $i)) }
                3 { $Text.Substring(0, $random.Next($Text.Length)) }
                4 { $i = $random.Next($Text.Length); $Text.Substring(0, $i) + $Text.Substring($random.Next($i, $Text.Length)) + $Text.Substring($i) }
            }
        }
        $script:mutants = [Collections.Generic.List[string]]::new()
        for ($n = 0; $n -lt 3000; $n++) {
            $seed = $seeds[$random.Next($seeds.Count)]
            if ($n % 2 -eq 0) {
                $mutants.Add((Get-Mutant $seed))
            }
            else {
                $parts = $seed.Split('.')
                $part = $random.Next(2)
                $json = [Text.Encoding]::UTF8.GetString(($parts[$part] | ConvertFrom-Base64Url))
                $parts[$part] = ConvertTo-Base64Url (Get-Mutant $json)
                $mutants.Add($parts -join '.')
            }
        }
    }

    It 'ConvertFrom-AppStoreJws decodes or reports a known error id for each of 3000 mutants' {
        $decoded = @($mutants | ConvertFrom-AppStoreJws -ErrorAction SilentlyContinue -ErrorVariable failures)
        ($decoded.Count + $failures.Count) | Should -Be $mutants.Count
        $failures.FullyQualifiedErrorId | Sort-Object -Unique | ForEach-Object {
            $_ | Should -Match ('^(JwsEmpty|JwsTooLarge|JwsWrongPartCount|JwsBadBase64Url|JwsBadJson),' + [regex]::Escape((Get-CmdletTypeName ConvertFrom-AppStoreJws)) + '$')
        }
    }

    It 'Test-AppStoreJws reports on each of 3000 mutants: valid, or with a failed check' {
        $reports = @($mutants | Test-AppStoreJws -Key $key -ErrorAction Stop)
        $reports | Should -HaveCount $mutants.Count
        $reports | Where-Object { -not $_.IsValid -and $_.Checks.Result -notcontains 'Fail' } | Should -BeNullOrEmpty
        $reports.Checks.Name | Sort-Object -Unique | ForEach-Object { $_ | Should -BeIn $checkNames }
        # The mutants reach well beyond the structure check.
        @($reports | Where-Object { $_.Checks.Count -gt 1 -and -not $_.IsValid }).Count | Should -BeGreaterThan 500
    }
}

# Checks our tokens with verifiers we did not write (Node jose, OpenSSL) and compares them with the tokens
# Apple's official Node library (@apple/app-store-server-library 3.1.0) makes for the same inputs.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:folder = New-TestFolder
    $script:request = New-SampleOneTimeCharge
    $script:tokens = @(
        New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1 -TransactionId 2000000123456789
        New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1
        New-IntroEligibilityJws -Key $key -ProductId com.example.sub -AllowIntroductoryOffer $false -TransactionId 2000000123456789
        New-AdvancedCommerceJws -Key $key -Request $request
    )

    # JSON members with their JSON types, as System.Text.Json reads them.
    function Get-JsonShape {
        param([string] $Json)
        $shape = @{}
        foreach ($member in [System.Text.Json.JsonDocument]::Parse($Json).RootElement.EnumerateObject()) {
            $shape[$member.Name] = '{0}:{1}' -f $member.Value.ValueKind, $member.Value.GetRawText()
        }
        $shape
    }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'Our tokens verified by others' {
    It 'jose verifies every token with the public key' {
        $result = Invoke-Interop verify-jws @{ publicKeyPem = $key.PublicKeyPem; tokens = @($tokens.Token) }
        $result.results | Should -HaveCount $tokens.Count
        foreach ($entry in $result.results) {
            $entry.error | Should -BeNullOrEmpty
            $entry.valid | Should -BeTrue
            $entry.header.alg | Should -Be 'ES256'
        }
    }

    It 'jose rejects a token signed by another key' {
        $other = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
        $result = Invoke-Interop verify-jws @{ publicKeyPem = $other.PublicKeyPem; tokens = @($tokens[0].Token) }
        $result.results[0].valid | Should -BeFalse
    }

    It 'OpenSSL verifies every signature over the signing input' {
        $publicKey = Join-Path $folder 'public.pem'
        Set-Content -Path $publicKey -Value $key.PublicKeyPem -NoNewline
        foreach ($jws in $tokens) {
            $parts = Get-JwsPart $jws.Token
            [IO.File]::WriteAllBytes((Join-Path $folder 'input.bin'), $parts.SigningInput)
            [IO.File]::WriteAllBytes((Join-Path $folder 'signature.der'), (ConvertTo-DerSignature $parts.Signature))
            $output = openssl dgst -sha256 -verify $publicKey -signature (Join-Path $folder 'signature.der') (Join-Path $folder 'input.bin') 2>&1
            "$output" | Should -Match 'Verified OK'
            $LASTEXITCODE | Should -Be 0
        }
    }
}

Describe 'Signatures whose r or s starts with a zero byte' {
    It 'keeps both halves 32 bytes and still verifies with OpenSSL and jose' {
        # About one signature in 128 has a leading zero in r or s: the r||s form must keep it (left-padded).
        $padded = $null
        for ($i = 0; $i -lt 5000 -and -not $padded; $i++) {
            $jws = New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o
            $signature = (Get-JwsPart $jws.Token).Signature
            if ($signature[0] -eq 0 -or $signature[32] -eq 0) { $padded = $jws }
        }
        $padded | Should -Not -BeNullOrEmpty
        $parts = Get-JwsPart $padded.Token
        $parts.Signature.Length | Should -Be 64
        $publicKey = Join-Path $folder 'public.pem'
        Set-Content -Path $publicKey -Value $key.PublicKeyPem -NoNewline
        [IO.File]::WriteAllBytes((Join-Path $folder 'input.bin'), $parts.SigningInput)
        [IO.File]::WriteAllBytes((Join-Path $folder 'signature.der'), (ConvertTo-DerSignature $parts.Signature))
        "$(openssl dgst -sha256 -verify $publicKey -signature (Join-Path $folder 'signature.der') (Join-Path $folder 'input.bin') 2>&1)" | Should -Match 'Verified OK'
        (Invoke-Interop verify-jws @{ publicKeyPem = $key.PublicKeyPem; tokens = @($padded.Token) }).results[0].valid | Should -BeTrue
    }
}

Describe 'Our tokens compared with Apple''s official library' {
    BeforeAll {
        $script:apple = Invoke-Interop apple-tokens @{
            privateKeyPem    = $pem
            keyId            = $key.KeyId
            issuerId         = $key.IssuerId
            bundleId         = $key.BundleId
            promotionalOffer = @{ productId = 'com.example.sub'; offerIdentifier = 'WINBACK1'; transactionId = '2000000123456789' }
            introEligibility = @{ productId = 'com.example.sub'; allowIntroductoryOffer = $false; transactionId = '2000000123456789' }
            advancedCommerce = $request
        }
        $script:pairs = @(
            @{ Name = 'promotional offer'; Ours = $tokens[0].Token; Apple = $apple.promotionalOffer }
            @{ Name = 'introductory offer eligibility'; Ours = $tokens[2].Token; Apple = $apple.introEligibility }
            @{ Name = 'advanced commerce'; Ours = $tokens[3].Token; Apple = $apple.advancedCommerce }
        )
    }

    It 'Apple''s tokens verify with our key''s public half (same key, same curve)' {
        foreach ($pair in $pairs) { Test-Es256Signature -Token $pair.Apple -PublicKeyPem $key.PublicKeyPem | Should -BeTrue }
    }

    It 'has the same header members, types and values as Apple''s <Name> token' -ForEach @(
        @{ Index = 0; Name = 'promotional offer' }, @{ Index = 1; Name = 'introductory offer eligibility' }, @{ Index = 2; Name = 'advanced commerce' }
    ) {
        $pair = $pairs[$Index]
        $ours = Get-JsonShape (Get-JwsPart $pair.Ours).HeaderJson
        $theirs = Get-JsonShape (Get-JwsPart $pair.Apple).HeaderJson
        ($ours.Keys | Sort-Object) | Should -Be ($theirs.Keys | Sort-Object)
        foreach ($name in $theirs.Keys) { $ours[$name] | Should -BeExactly $theirs[$name] -Because "header member $name" }
    }

    It 'has the same claims, types and values as Apple''s <Name> token (nonce and iat aside)' -ForEach @(
        @{ Index = 0; Name = 'promotional offer' }, @{ Index = 1; Name = 'introductory offer eligibility' }, @{ Index = 2; Name = 'advanced commerce' }
    ) {
        $pair = $pairs[$Index]
        $ours = Get-JsonShape (Get-JwsPart $pair.Ours).PayloadJson
        $theirs = Get-JsonShape (Get-JwsPart $pair.Apple).PayloadJson
        ($ours.Keys | Sort-Object) | Should -Be ($theirs.Keys | Sort-Object)
        foreach ($name in $theirs.Keys) {
            if ($name -in 'nonce', 'iat') {
                ($ours[$name] -split ':')[0] | Should -BeExactly ($theirs[$name] -split ':')[0] -Because "claim $name has the same JSON type"
            }
            elseif ($name -ne 'request') {
                $ours[$name] | Should -BeExactly $theirs[$name] -Because "claim $name"
            }
        }
    }

    It 'has a request claim that decodes to the same request as Apple''s' {
        $ours = (Get-JwsPart $pairs[2].Ours).Payload.request
        $theirs = (Get-JwsPart $pairs[2].Apple).Payload.request
        $ours | Should -Match '^[A-Za-z0-9+/]+={0,2}$'
        $decode = { param($b64) [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b64)) }
        $ourJson = & $decode $ours
        $theirJson = & $decode $theirs
        # Equal as JSON values (member order aside): System.Text.Json's deep comparison.
        [System.Text.Json.Nodes.JsonNode]::DeepEquals([System.Text.Json.Nodes.JsonNode]::Parse($ourJson), [System.Text.Json.Nodes.JsonNode]::Parse($theirJson)) |
            Should -BeTrue -Because "ours: $ourJson`ntheirs: $theirJson"
        $ourJson | Should -Match 'Café <b> & \\"x\\"'
    }
}

Describe 'The Server API cmdlets send what Apple''s AppStoreServerAPIClient sends' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
        $script:apiChain = New-TestAppleChain
        $script:apiServer = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $apiChain
        $script:api = @{ Key = $key; BaseUri = $apiServer.BaseUri; TrustedRoot = $apiChain.Root; AppAppleId = 1234567890 }

        # The requests one side sent: what the server recorded while it ran.
        function Invoke-Recorded {
            param([scriptblock] $Action)
            $before = @(Get-ServerRequests $apiServer).Count
            & $Action
            @(Get-ServerRequests $apiServer) | Select-Object -Skip $before
        }

        # Method, path, query pairs in order, and the body with its members sorted (JSON objects have no order).
        function ConvertTo-Comparable {
            param($Request)
            $sortBody = {
                param($value)
                if ($value -is [System.Management.Automation.PSCustomObject]) {
                    $sorted = [ordered]@{}
                    foreach ($name in $value.PSObject.Properties.Name | Sort-Object) { $sorted[$name] = & $sortBody $value.$name }
                    $sorted
                }
                else { $value }
            }
            [ordered]@{ method = $Request.method; path = $Request.path; query = @($Request.query | ForEach-Object { $_ -join '=' }); body = & $sortBody $Request.body; accept = $Request.accept } |
                ConvertTo-Json -Depth 10 -Compress
        }

        function Invoke-AppleClient {
            param([object[]] $Calls)
            $request = @{ baseUri = $apiServer.BaseUri; privateKeyPem = $pem; keyId = '2X9R4HXF34'; issuerId = (Get-TestIssuerId); bundleId = 'com.example.app'; calls = $Calls }
            $output = $request | ConvertTo-Json -Depth 10 -Compress | node (Join-Path $env:APPSTOREJWS_REPO 'tests/interop/server-api-client.mjs')
            if ($LASTEXITCODE -ne 0) { throw "server-api-client.mjs failed with exit code $LASTEXITCODE." }
            $output | ConvertFrom-Json
        }
    }

    AfterAll {
        Stop-TestServerApi $apiServer
    }

    # Discovery-time data: both sides get the same instant (and it is within Apple's 180 days).
    $notificationSince = [DateTimeOffset]::UtcNow.AddDays(-3).ToUnixTimeMilliseconds()

    It 'for <Name>' -ForEach @(
        @{ Name = 'Get Transaction Info'; Ours = { Get-AppStoreTransaction 2000000000000101 @api }; Apple = @(@{ method = 'getTransactionInfo'; args = @('2000000000000101') }) }
        @{
            Name  = 'Get Transaction History v2, first and second page, every filter'
            Ours  = { Get-AppStoreTransactionHistory 2000000000000102 @api -StartDate ([DateTimeOffset]::FromUnixTimeMilliseconds(1698148900000)) -EndDate ([DateTimeOffset]::FromUnixTimeMilliseconds(1700000000000)) `
                    -ProductId com.example.a, com.example.b -ProductType AUTO_RENEWABLE, NON_CONSUMABLE -Sort Descending -SubscriptionGroupIdentifier 21345678, 21345679 `
                    -InAppOwnershipType FAMILY_SHARED -Revoked $true -First 4 }
            Apple = @(foreach ($revision in $null, 'rev-1') {
                    @{ method = 'getTransactionHistory'; args = @('2000000000000102', $revision, [ordered]@{
                                startDate = 1698148900000; endDate = 1700000000000; productIds = @('com.example.a', 'com.example.b'); productTypes = @('AUTO_RENEWABLE', 'NON_CONSUMABLE')
                                sort = 'DESCENDING'; subscriptionGroupIdentifiers = @('21345678', '21345679'); inAppOwnershipType = 'FAMILY_SHARED'; revoked = $true
                            }, 'v2') }
                })
        }
        @{ Name = 'Get All Subscription Statuses'; Ours = { Get-AppStoreSubscriptionStatus 2000000000000103 @api -Status 1, 3 }; Apple = @(@{ method = 'getAllSubscriptionStatuses'; args = @('2000000000000103', @(1, 3)) }) }
        @{ Name = 'Get Refund History v2, both pages'; Ours = { Get-AppStoreRefundHistory 2000000000000104 @api }; Apple = @(@{ method = 'getRefundHistory'; args = @('2000000000000104', $null) }, @{ method = 'getRefundHistory'; args = @('2000000000000104', 'refund-2') }) }
        @{ Name = 'Look Up Order ID'; Ours = { Get-AppStoreOrder MQ7Y9ZZ2G1 @api }; Apple = @(@{ method = 'lookUpOrderId'; args = @('MQ7Y9ZZ2G1') }) }
        @{ Name = 'Get App Transaction Info'; Ours = { Get-AppStoreAppTransaction 2000000000000105 @api }; Apple = @(@{ method = 'getAppTransactionInfo'; args = @('2000000000000105') }) }
        @{
            Name  = 'Get Notification History, first and second page'
            Since = $notificationSince
            Ours  = { Get-AppStoreNotificationHistory @api -StartDate ([DateTimeOffset]::FromUnixTimeMilliseconds($Since)) -EndDate ([DateTimeOffset]::FromUnixTimeMilliseconds($Since + 86400000)) -NotificationType DID_RENEW -NotificationSubtype BILLING_RECOVERY -OnlyFailures }
            Apple = @(foreach ($token in $null, 'page-2') {
                    @{ method = 'getNotificationHistory'; args = @($token, [ordered]@{ startDate = $notificationSince; endDate = $notificationSince + 86400000; notificationType = 'DID_RENEW'; notificationSubtype = 'BILLING_RECOVERY'; onlyFailures = $true }) }
                })
        }
        @{ Name = 'Request a Test Notification'; Ours = { $null = Send-AppStoreTestNotification @api -Confirm:$false }; Apple = @(@{ method = 'requestTestNotification' }) }
        @{ Name = 'Get Test Notification Status'; Ours = { Get-AppStoreTestNotificationStatus 'ce3af791-365e-4c60-841b-1674b43c1609_1698148900000' @api -ErrorAction SilentlyContinue }; Apple = @(@{ method = 'getTestNotificationStatus'; args = @('ce3af791-365e-4c60-841b-1674b43c1609_1698148900000') }) }
        @{
            Name  = 'Send Consumption Information v2'
            Ours  = { Send-AppStoreConsumptionInfo -Key $key -BaseUri $apiServer.BaseUri -TransactionId 2000000000000106 -CustomerConsented $true -ConsumptionPercentage 25000 -DeliveryStatus UNDELIVERED_QUALITY_ISSUE -RefundPreference GRANT_PRORATED -SampleContentProvided $false -Confirm:$false }
            Apple = @(@{ method = 'sendConsumptionInformation'; args = @('2000000000000106', [ordered]@{ customerConsented = $true; consumptionPercentage = 25000; deliveryStatus = 'UNDELIVERED_QUALITY_ISSUE'; refundPreference = 'GRANT_PRORATED'; sampleContentProvided = $false }) })
        }
        @{ Name = 'Set App Account Token'; Ours = { Set-AppStoreAppAccountToken -Key $key -BaseUri $apiServer.BaseUri -OriginalTransactionId 2000000000000107 -AppAccountToken 7389a31a-fb6d-4569-a2a6-db7d85d84813 -Confirm:$false }; Apple = @(@{ method = 'setAppAccountToken'; args = @('2000000000000107', @{ appAccountToken = '7389a31a-fb6d-4569-a2a6-db7d85d84813' }) }) }
        @{
            Name  = 'Extend a Subscription Renewal Date'
            Ours  = { $null = Update-AppStoreSubscriptionRenewalDate -Key $key -BaseUri $apiServer.BaseUri -OriginalTransactionId 2000000000000108 -ExtendByDays 7 -ReasonCode 3 -RequestIdentifier b8c6f1d2-9e38-4f0b-8f4b-a8b1c3d4e5f6 -Confirm:$false }
            Apple = @(@{ method = 'extendSubscriptionRenewalDate'; args = @('2000000000000108', [ordered]@{ extendByDays = 7; extendReasonCode = 3; requestIdentifier = 'b8c6f1d2-9e38-4f0b-8f4b-a8b1c3d4e5f6' }) })
        }
        @{
            Name  = 'Extend Subscription Renewal Dates for All Active Subscribers'
            Ours  = { $null = Update-AppStoreSubscriptionRenewalDate -Key $key -BaseUri $apiServer.BaseUri -AllActiveSubscribers -ProductId com.example.monthly -StorefrontCountryCode USA, FRA -ExtendByDays 5 -ReasonCode 1 -RequestIdentifier 758883e8-151b-47b7-abd0-60c4d804c2f1 -Force -Confirm:$false }
            Apple = @(@{ method = 'extendRenewalDateForAllActiveSubscribers'; args = @([ordered]@{ extendByDays = 5; extendReasonCode = 1; requestIdentifier = '758883e8-151b-47b7-abd0-60c4d804c2f1'; productId = 'com.example.monthly'; storefrontCountryCodes = @('USA', 'FRA') }) })
        }
        @{ Name = 'Get Status of Subscription Renewal Date Extensions'; Ours = { Get-AppStoreRenewalExtensionStatus -Key $key -BaseUri $apiServer.BaseUri -ProductId com.example.monthly -RequestIdentifier 758883e8-151b-47b7-abd0-60c4d804c2f1 }; Apple = @(@{ method = 'getStatusOfSubscriptionRenewalDateExtensions'; args = @('758883e8-151b-47b7-abd0-60c4d804c2f1', 'com.example.monthly') }) }
    ) {
        $ours = @(Invoke-Recorded { $null = & $Ours })
        $theirs = @(Invoke-Recorded { $script:appleResults = Invoke-AppleClient -Calls $Apple })
        $theirs | Should -HaveCount $Apple.Count -Because "Apple's client makes one request per call"
        $ours.Count | Should -BeGreaterOrEqual $Apple.Count
        for ($i = 0; $i -lt $Apple.Count; $i++) {
            ConvertTo-Comparable $ours[$i] | Should -Be (ConvertTo-Comparable $theirs[$i]) -Because "request $($i + 1) of $Name"
        }
    }
}

# Feeds every parameter of every exported cmdlet hostile values (NUL, lone surrogates, a megabyte string,
# extreme dates and numbers, NaN, paths with ':' and '[', objects whose properties throw) on top of an
# otherwise valid call, and checks that whatever fails, fails with an id a script can rely on: one of the
# ids the docs pages' error tables document, or PowerShell's own parameter binding ids. An id that is a
# .NET type name (System.ArgumentException, DriveNotFound...) is an exception that escaped the module.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:folder = New-TestFolder
    $script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $keyFile = New-TestKeyFile -Folder $folder -KeyId 2X9R4HXF34
    Import-Module (Join-Path $PSScriptRoot 'TestPng.psm1') -Force
    $png = New-TestPngFile -LiteralPath (Join-Path $folder 'image.png')

    # Every id in the first column of a docs page's error table; <name> and * stand for any word.
    $script:documented = foreach ($page in Get-ChildItem -LiteralPath (Join-Path $env:APPSTOREJWS_REPO 'docs') -Filter '*.md') {
        $table = [regex]::Match((Get-Content -LiteralPath $page.FullName -Raw), '(?ms)^## Errors\s*\n(.*?)(?=^## |\z)').Groups[1].Value
        foreach ($line in $table -split "`n" | Where-Object { $_ -match '^\|' }) {
            foreach ($id in [regex]::Matches(($line -split '\|')[1], '`([^`]+)`')) {
                '^' + ([regex]::Escape($id.Groups[1].Value) -replace '\\\*', '\w*' -replace '<[^>]+>', '\w+') + '$'
            }
        }
    }
    if (@($documented).Count -lt 40) { throw "Found only $(@($documented).Count) documented error ids: has the docs' error table format changed?" }

    # PowerShell's own ids for a value that does not bind (wrong type, failed validation, null or empty).
    $script:binding = '^(ParameterArgument\w+|ParameterBinding\w*|CannotConvertArgument\w*|MissingArgument|NamedParameterNotFound|AmbiguousParameterSet|MissingMandatoryParameter\w*|InputObjectNotBound)$'

    # An otherwise valid call of each cmdlet; server calls go to a closed loopback port and fail at once.
    $server = @{ Key = $key; BaseUri = 'http://127.0.0.1:9'; TimeoutSec = 2; MaximumRetryCount = 0 }
    $token = (New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o).Token
    $signature = New-PromotionalOfferSignature -Key $key -ProductId p -OfferIdentifier o
    $script:valid = @{
        'ConvertFrom-AppStoreJws'                = @{ Token = $token }
        'ConvertFrom-AppStoreReceipt'            = @{ Receipt = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('{ "purchase-info" = "' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('{ "transaction-id" = "1"; }')) + '"; }')) }
        'ConvertFrom-AppStoreSignedData'         = @{ SignedData = $token }
        'Get-AppStoreAppTransaction'             = $server + @{ TransactionId = '2000000123456789' }
        'Get-AppStoreKey'                        = @{ Path = $keyFile }
        'Get-AppStoreNotificationHistory'        = $server + @{ StartDate = [DateTimeOffset]::UtcNow.AddDays(-1); EndDate = [DateTimeOffset]::UtcNow }
        'Get-AppStoreOrder'                      = $server + @{ OrderId = 'MK5TTTVWJH' }
        'Get-AppStoreRefundHistory'              = $server + @{ TransactionId = '2000000123456789' }
        'Get-AppStoreSubscriptionStatus'         = $server + @{ TransactionId = '2000000123456789' }
        'Get-AppStoreTestNotificationStatus'     = $server + @{ TestNotificationToken = 'ce3af791-365e-4c60-841b-1674b43c1609_1698148900000' }
        'Get-AppStoreTransactionHistory'         = $server + @{ TransactionId = '2000000123456789' }
        'Get-AppStoreRenewalExtensionStatus'     = $server + @{ ProductId = 'p'; RequestIdentifier = [guid]::NewGuid() }
        'Get-AppStoreTransaction'                = $server + @{ TransactionId = '2000000123456789' }
        'Invoke-AppStoreServerApi'               = $server + @{ Method = 'GET'; Path = '/inApps/v1/notifications/test' }
        'New-AdvancedCommerceJws'                = @{ Key = $key; Request = '{"operation":"CREATE_ONE_TIME_CHARGE","currency":"USD","taxCode":"C003-00-2","storefront":"USA","item":{"SKU":"B","displayName":"A","description":"B","price":4990}}' }
        'New-AdvancedCommerceRequest'            = @{ Operation = 'CREATE_ONE_TIME_CHARGE'; Currency = 'USD'; TaxCode = 'C003-00-2'; Storefront = 'USA'; Item = @(@{ SKU = 'B'; displayName = 'A'; description = 'B'; price = 4990 }) }
        'New-AppStoreConnectApiToken'            = @{ Key = $key }
        'New-AppStoreServerApiToken'             = @{ Key = $key }
        'New-AppStoreTestKey'                    = @{ Folder = $folder; Force = $true }
        'New-IntroEligibilityJws'                = @{ Key = $key; ProductId = 'p'; AllowIntroductoryOffer = $true; TransactionId = '2000000123456789' }
        'New-PromotionalOfferJws'                = @{ Key = $key; ProductId = 'p'; OfferIdentifier = 'o' }
        'New-PromotionalOfferSignature'          = @{ Key = $key; ProductId = 'p'; OfferIdentifier = 'o' }
        'Send-AppStoreConsumptionInfo'           = $server + @{ TransactionId = '2000000123456789'; CustomerConsented = $true; DeliveryStatus = 'DELIVERED'; SampleContentProvided = $false; Confirm = $false }
        'Send-AppStoreTestNotification'          = $server
        'Set-AppStoreAppAccountToken'            = $server + @{ OriginalTransactionId = '2000000123456789'; AppAccountToken = [guid]::NewGuid() }
        'Test-AppStoreJws'                       = @{ Key = $key; Token = $token }
        'Test-AppStoreSignedData'                = @{ SignedData = $token }
        'Test-PromotionalOfferSignature'         = @{ Key = $key; Signature = $signature.EncodedSignature; ProductId = 'p'; OfferIdentifier = 'o'; Nonce = $signature.Nonce; Timestamp = $signature.Timestamp }
        'Update-AppStoreSubscriptionRenewalDate' = $server + @{ OriginalTransactionId = '2000000123456789'; ExtendByDays = 1; ReasonCode = 1; Confirm = $false }
        'Complete-AppStoreTransaction'           = $server + @{ TransactionId = '2000000123456789'; Confirm = $false }
        'Set-AppStoreRetentionImage'             = $server + @{ ImageIdentifier = [guid]::NewGuid(); LiteralPath = $png; Confirm = $false }
        'Get-AppStoreRetentionImage'             = $server
        'Remove-AppStoreRetentionImage'          = $server + @{ ImageIdentifier = [guid]::NewGuid(); Confirm = $false }
        'Set-AppStoreRetentionMessage'           = $server + @{ MessageIdentifier = [guid]::NewGuid(); Header = 'h'; Body = 'b'; Confirm = $false }
        'Get-AppStoreRetentionMessage'           = $server
        'Remove-AppStoreRetentionMessage'        = $server + @{ MessageIdentifier = [guid]::NewGuid(); Confirm = $false }
        'New-AppStoreRetentionResponse'          = @{ MessageIdentifier = [guid]::NewGuid() }
        'Set-AppStoreRetentionDefaultMessage'    = $server + @{ ProductId = 'p'; Locale = 'en-US'; MessageIdentifier = [guid]::NewGuid(); Confirm = $false }
        'Get-AppStoreRetentionDefaultMessage'    = $server + @{ ProductId = 'p'; Locale = 'en-US' }
        'Remove-AppStoreRetentionDefaultMessage' = $server + @{ ProductId = 'p'; Locale = 'en-US'; Confirm = $false }
        'Set-AppStoreRetentionRealtimeUrl'       = $server + @{ Url = 'https://example.com/retention'; Confirm = $false }
        'Get-AppStoreRetentionRealtimeUrl'       = $server
        'Remove-AppStoreRetentionRealtimeUrl'    = $server + @{ Confirm = $false }
        'Start-AppStoreRetentionPerformanceTest' = $server + @{ OriginalTransactionId = '2000000123456789'; Confirm = $false }
        'Get-AppStoreRetentionPerformanceTestResult' = $server + @{ RequestId = [guid]::NewGuid().ToString() }
    }

    $throwing = [pscustomobject]@{ operation = 'CREATE_ONE_TIME_CHARGE' } | Add-Member -MemberType ScriptProperty -Name Boom -Value { throw 'a getter that throws' } -PassThru
    $shared = @{ operation = 'CREATE_ONE_TIME_CHARGE' }; foreach ($i in 1..30) { $shared = @{ l = $shared; r = $shared } }
    $script:hostile = [ordered]@{
        'NUL'                 = "a`0b"
        'lone high surrogate' = "a$([char]0xD800)"
        'lone low surrogate'  = "$([char]0xDC00)b"
        'a megabyte'          = 'x' * 1MB
        'empty'               = ''
        'a drive path'        = 'nosuchdrive:x'
        'a colon path'        = 'a:b/c'
        'a wildcard path'     = 'x[1]/y'
        'DateTimeOffset max'  = [DateTimeOffset]::MaxValue
        'DateTimeOffset min'  = [DateTimeOffset]::MinValue
        'long max'            = [long]::MaxValue
        'long min'            = [long]::MinValue
        'NaN'                 = [double]::NaN
        'a throwing getter'   = $throwing
        'shared hashtables'   = $shared
    }

    # Runs one call and returns the id (before the comma) of every error it raised, terminating or not.
    function Get-ErrorId {
        param([string] $Command, [hashtable] $Parameters)
        $errors = @()
        try {
            $null = & $Command @Parameters -ErrorAction SilentlyContinue -ErrorVariable +errors -WarningAction SilentlyContinue
        } catch {
            $errors += $_
        }
        foreach ($record in $errors) {
            $id = if ($record -is [Management.Automation.ErrorRecord]) { $record.FullyQualifiedErrorId } else { $record.ErrorRecord.FullyQualifiedErrorId }
            ($id -split ',')[0]
        }
    }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'Hostile parameter values' {
    It 'has a valid call for every exported cmdlet' {
        $exported = (Import-PowerShellDataFile -LiteralPath $env:APPSTOREJWS_MODULE).CmdletsToExport
        ($valid.Keys | Sort-Object) | Should -Be ($exported | Sort-Object)
        foreach ($name in $valid.Keys | Where-Object { $_ -notmatch 'AppStore(Transaction|RenewalExtensionStatus|ServerApi|TestNotification|AppAccountToken|SubscriptionRenewalDate)$' -and $_ -ne 'Invoke-AppStoreServerApi' }) {
            @(Get-ErrorId $name $valid[$name]) | Where-Object { $_ -match $binding } | Should -BeNullOrEmpty -Because "$name's valid call must bind"
        }
    }

    It 'fails only with documented or binding error ids, on every parameter of every cmdlet' {
        Push-Location -LiteralPath $folder
        try {
            $common = [Management.Automation.PSCmdlet]::CommonParameters + [Management.Automation.PSCmdlet]::OptionalCommonParameters
            $escaped = [Collections.Generic.List[string]]::new()
            $calls = 0
            foreach ($command in Get-Command -Module AppStoreJws -CommandType Cmdlet) {
                foreach ($parameter in $command.Parameters.Values | Where-Object { $_.Name -notin $common -and $_.ParameterType -ne [switch] }) {
                    foreach ($value in $hostile.GetEnumerator()) {
                        $parameters = @{} + $valid[$command.Name]
                        # A parameter of another parameter set replaces the valid one it cannot be used with.
                        if ($parameter.Name -in 'Content', 'SecureContent', 'EnvironmentVariable') { $parameters.Remove('Path') }
                        if ($parameter.Name -in 'PublicKey', 'Path' -and $parameters.ContainsKey('Key') -and $command.Name -like 'Test-*') { $parameters.Remove('Key') }
                        if ($parameter.Name -in 'Path', 'LiteralPath' -and $command.Name -eq 'ConvertFrom-AppStoreReceipt') { $parameters.Remove('Receipt') }
                        if ($parameter.Name -eq 'Path' -and $command.Name -eq 'Set-AppStoreRetentionImage') { $parameters.Remove('LiteralPath') }
                        $parameters[$parameter.Name] = $value.Value
                        $calls++
                        foreach ($id in Get-ErrorId $command.Name $parameters) {
                            $known = $id -match $binding -or @($documented | Where-Object { $id -match $_ }).Count -gt 0
                            if (-not $known) { $escaped.Add("$($command.Name) -$($parameter.Name) <$($value.Key)>: $id") }
                        }
                    }
                }
            }
        }
        finally { Pop-Location }
        $calls | Should -BeGreaterThan 1000
        $escaped = @($escaped | Sort-Object -Unique)
        $escaped -join [Environment]::NewLine | Should -BeNullOrEmpty
    }
}

Describe 'Mutated signed data' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
        # Apple's own test chain when it is beside the checkout, so the same mutants are made on every run; otherwise a
        # chain made now (the mutations are still the same positions and values, on other bytes).
        $appleData = Get-AppleTestData
        if ($appleData) {
            $certs = Join-Path $appleData 'apple-test-vectors/certs'
            $read = { param($name) [regex]::Match((Get-Content -LiteralPath (Join-Path $certs $name) -Raw), '(?s)-----BEGIN CERTIFICATE-----(.*?)-----END').Groups[1].Value -replace '\s' }
            $leafKey = [System.Security.Cryptography.ECDsa]::Create()
            $leafKey.ImportFromPem((Get-Content -LiteralPath (Join-Path $certs 'testLeaf.key') -Raw))
            $caBytes = [IO.File]::ReadAllBytes((Join-Path $certs 'testCA.der'))
            $script:fuzzChain = [pscustomobject]@{ X5c = @((& $read testLeaf.pem), (& $read testIntermediate.pem), [Convert]::ToBase64String($caBytes)); LeafKey = $leafKey }
            $script:fuzzRoot = [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadCertificate($caBytes)
            $signedAt = 1700000000000
        }
        else {
            $made = New-TestAppleChain
            $script:fuzzChain = $made
            $script:fuzzRoot = $made.Root
            $signedAt = [DateTimeOffset]::UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds()
        }
        $script:random = [System.Random]::new(29)

        # 1 to 4 bytes set to other values, at positions and values from the seeded generator.
        function Get-Mutant([byte[]] $Bytes) {
            $copy = [byte[]]$Bytes.Clone()
            foreach ($change in 1..($random.Next(4) + 1)) {
                $at = $random.Next($copy.Length)
                $copy[$at] = ($copy[$at] + 1 + $random.Next(255)) % 256
            }
            , $copy
        }

        # A compact JWS of exactly these payload bytes (valid UTF-8 or not), signed with the chain's leaf key.
        function New-SignedBytes([byte[]] $Payload, [string[]] $X5c) {
            $header = [ordered]@{ alg = 'ES256'; x5c = $X5c } | ConvertTo-Json -Compress
            $signingInput = (ConvertTo-Base64Url $header) + '.' + (ConvertTo-Base64Url $Payload)
            $signature = $fuzzChain.LeafKey.SignData([Text.Encoding]::ASCII.GetBytes($signingInput), [System.Security.Cryptography.HashAlgorithmName]::SHA256,
                [System.Security.Cryptography.DSASignatureFormat]::IeeeP1363FixedFieldConcatenation)
            $signingInput + '.' + (ConvertTo-Base64Url $signature)
        }

        $transaction = (New-TestTransactionPayload -Change @{ signedDate = $signedAt }) | ConvertTo-Json -Compress
        $notification = [ordered]@{
            notificationType = 'DID_RENEW'; notificationUUID = '9ad56bd2-0bc6-42e0-af24-fd996d87a1e6'; version = '2.0'; signedDate = $signedAt
            data = [ordered]@{ appAppleId = 1234; bundleId = 'com.example.app'; environment = 'Sandbox'; signedTransactionInfo = (New-SignedBytes ([Text.Encoding]::UTF8.GetBytes($transaction)) $fuzzChain.X5c) }
        } | ConvertTo-Json -Compress
        $leafDer = [Convert]::FromBase64String($fuzzChain.X5c[0])
        $script:leafMutants = @(foreach ($i in 1..300) {
                New-SignedBytes ([Text.Encoding]::UTF8.GetBytes($transaction)) @([Convert]::ToBase64String((Get-Mutant $leafDer)), $fuzzChain.X5c[1], $fuzzChain.X5c[2])
            })
        $script:payloadMutants = @(foreach ($i in 1..200) {
                $source = if ($i % 2) { $notification } else { $transaction }
                New-SignedBytes (Get-Mutant ([Text.Encoding]::UTF8.GetBytes($source))) $fuzzChain.X5c
            })
        # What a verification failure may be: the ids the verifier documents, never a .NET type name.
        $script:verdictIds = 'MalformedSignedData', 'InvalidChainLength', 'InvalidCertificate', 'InvalidChain', 'InvalidSignature', 'InvalidAppIdentifier', 'InvalidEnvironment'
    }

    It 'ends every one of <Count> <Kind> mutants in an output or a documented error of its own, in both cmdlets' -ForEach @(
        @{ Kind = 'leaf certificate'; Count = 300 }
        @{ Kind = 'payload'; Count = 200 }
    ) {
        $mutants = if ($Kind -like 'leaf*') { $leafMutants } else { $payloadMutants }
        $mutants | Should -HaveCount $Count
        $options = @{ TrustedRoot = $fuzzRoot; BundleId = 'com.example.app' }
        $errors = $null
        $decoded = @($mutants | ConvertFrom-AppStoreSignedData @options -ErrorAction SilentlyContinue -ErrorVariable errors)
        ($decoded.Count + @($errors).Count) | Should -Be $Count
        $escaped = @($errors | Where-Object { ($_.FullyQualifiedErrorId -split ',')[0] -notin $verdictIds } | ForEach-Object FullyQualifiedErrorId)
        $escaped | Should -BeNullOrEmpty

        $reports = @($mutants | Test-AppStoreSignedData @options)
        $reports | Should -HaveCount $Count
        @($reports | Where-Object { $_.ErrorId -and $_.ErrorId -notin $verdictIds }) | Should -BeNullOrEmpty
        @($reports | Where-Object IsValid).Count | Should -Be $decoded.Count -Because 'the report and the decoder reach the same verdicts'
        if ($Kind -like 'leaf*') {
            # Every byte of a certificate is signed or checked: no changed leaf verifies.
            $decoded | Should -BeNullOrEmpty
        }
    }
}

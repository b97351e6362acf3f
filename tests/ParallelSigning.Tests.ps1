# Bulk signing on worker threads (-ThrottleLimit): the same rows at 1 thread and at 4 give the same stream of
# results, warnings and row errors, in the same order, and -ErrorAction Stop stops at the same row. Every
# token and signature is verified with the framework's ECDsa and the public key (one instance, so 10,000
# checks stay quick), the v1 message rebuilt here rather than taken from the module.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:cmdlet = Get-CmdletTypeName New-PromotionalOfferJws
    $script:key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:verifier = [System.Security.Cryptography.ECDsa]::Create()
    $script:verifier.ImportFromPem($key.PublicKeyPem)
    $script:rowCount = 10000
    # Bad rows (an empty product ID), at the start, clustered, and near the end.
    $script:bad = @(3, 17, 250, 251, 252, 4096, 7777, 9998)

    $script:rows = [object[]]::new($rowCount)
    for ($i = 0; $i -lt $rowCount; $i++) {
        $rows[$i] = [pscustomobject]@{
            ProductId       = if ($i -in $bad) { '' } else { "com.example.product$($i % 11)" }
            OfferIdentifier = "offer$($i % 7)"
            TransactionId   = [string](2000000000000000 + $i)
            # Every 1000th row has an app account token that is not a UUID: a warning that must stay with its row.
            AppAccountToken = if ($i % 1000 -eq 500) { "not-a-uuid-$i" } else { '' }
        }
    }

    # One line per item of the merged output stream, in stream order.
    function ConvertTo-StreamLine {
        param([Parameter(ValueFromPipeline)] $Item)
        process {
            if ($Item -is [System.Management.Automation.ErrorRecord]) { "E $($Item.FullyQualifiedErrorId) $($Item.TargetObject.TransactionId)" }
            elseif ($Item -is [System.Management.Automation.WarningRecord]) { "W $($Item.Message)" }
            elseif ($Item.PSObject.Properties['Token']) { "T $((Get-JwsPart $Item.Token).Payload.transactionId)" }
            else { "S $($Item.ProductId) $($Item.Nonce)" }
        }
    }

    function Test-TokenSignature([string] $Token) {
        $last = $Token.LastIndexOf('.')
        $signingInput = [Text.Encoding]::ASCII.GetBytes($Token.Substring(0, $last))
        $signature = $Token.Substring($last + 1) | ConvertFrom-Base64Url
        $verifier.VerifyData($signingInput, $signature, [System.Security.Cryptography.HashAlgorithmName]::SHA256,
            [System.Security.Cryptography.DSASignatureFormat]::IeeeP1363FixedFieldConcatenation)
    }
}

Describe 'Bulk signing on worker threads' {
    It 'New-PromotionalOfferJws gives the same tokens and row errors in the same order at -ThrottleLimit 1 and 4' {
        $streams = foreach ($limit in 1, 4) {
            $out = @($rows | New-PromotionalOfferJws -Key $key -ThrottleLimit $limit -ErrorAction Continue -WarningVariable closing -WarningAction SilentlyContinue 2>&1)
            "$closing" | Should -Match "^Signed [\d,]+, refused $($bad.Count):"
            $out | Should -HaveCount $rowCount
            $tokens = @($out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            $tokens | Should -HaveCount ($rowCount - $bad.Count)
            foreach ($token in $tokens) { Test-TokenSignature $token.Token | Should -BeTrue }
            @($tokens.Nonce | Sort-Object -Unique) | Should -HaveCount $tokens.Count
            , @($out | ConvertTo-StreamLine)
        }

        $expected = for ($i = 0; $i -lt $rowCount; $i++) {
            if ($i -in $bad) { "E ProductIdMissing,$cmdlet $(2000000000000000 + $i)" } else { "T $(2000000000000000 + $i)" }
        }
        $streams[0] | Should -Be $expected
        $streams[1] | Should -Be $streams[0]
    }

    It 'New-PromotionalOfferSignature gives the same signatures, warnings and row errors in the same order at -ThrottleLimit 1 and 4' {
        $streams = foreach ($limit in 1, 4) {
            $out = @($rows | New-PromotionalOfferSignature -Key $key -ThrottleLimit $limit -ErrorAction Continue -WarningAction Continue 2>&1 3>&1)
            $signatures = @($out | Where-Object { $_.PSObject.Properties['EncodedSignature'] })
            $signatures | Should -HaveCount ($rowCount - $bad.Count)
            foreach ($signature in $signatures) { Test-V1Signature $signature -Verifier $verifier | Should -BeTrue }
            @($signatures.Nonce | Sort-Object -Unique) | Should -HaveCount $signatures.Count
            @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and $_.Message -match 'not a UUID' }) | Should -HaveCount 10
            # The run closes with one warning that counts the refused rows.
            "$($out[-1])" | Should -Match "^Signed $($rowCount - $bad.Count)|^Signed [\d,]+, refused $($bad.Count)"
            # Nonces differ between runs; the stream's shape (kind, product, warning text, error) must not.
            , @($out | ConvertTo-StreamLine | ForEach-Object { $_ -replace ' [0-9a-f-]{36}$', '' })
        }

        $streams[1] | Should -Be $streams[0]
        $streams[0] | Should -HaveCount ($rowCount + 11)
        $streams[0][3] | Should -BeLike 'E ProductIdMissing,*'
    }

    It '-ErrorAction Stop stops at the first bad row and emits nothing after it, at -ThrottleLimit <Limit>' -TestCases @(@{ Limit = 1 }, @{ Limit = 4 }) {
        param($Limit)
        # The first bad row lies past the rows signed inline, so at 4 it is signed on a worker thread.
        $late = $rows[0..2] + $rows[4..16] + $rows[18..3000]
        $first = [array]::IndexOf($late, ($late | Where-Object ProductId -eq '' | Select-Object -First 1))
        $first | Should -BeGreaterThan 100
        $seen = [System.Collections.Generic.List[object]]::new()
        { $late | New-PromotionalOfferJws -Key $key -ThrottleLimit $Limit -ErrorAction Stop | ForEach-Object { $seen.Add($_) } } |
            Should -Throw -ErrorId "ProductIdMissing,$cmdlet"
        $seen | Should -HaveCount $first
        for ($i = 0; $i -lt $first; $i++) { (Get-JwsPart $seen[$i].Token).Payload.transactionId | Should -BeExactly $late[$i].TransactionId }
    }

    It 'signs a single row and refuses a -ThrottleLimit below 1' {
        $one = New-PromotionalOfferJws -Key $key -ProductId com.example.product -OfferIdentifier offer1
        Test-TokenSignature $one.Token | Should -BeTrue
        (Get-Command New-PromotionalOfferJws).Parameters['ThrottleLimit'].ParameterType | Should -Be ([int])
        { New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'has one -ThrottleLimit rule on every cmdlet that takes it: 1 to 64' {
        $throttled = @(Get-Command -Module AppStoreJws | Where-Object { $_.Parameters.ContainsKey('ThrottleLimit') })
        $throttled.Name | Should -Contain 'New-PromotionalOfferJws'
        $throttled.Name | Should -Contain 'Get-AppStoreTransaction'
        foreach ($command in $throttled) {
            $rules = @($command.Parameters['ThrottleLimit'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateArgumentsAttribute] })
            @($rules | ForEach-Object { $_.GetType().Name }) | Should -Be @('ThrottleLimitAttribute') -Because "$($command.Name) -ThrottleLimit follows the one rule"
        }
        { New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -ThrottleLimit 65 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-AppStoreTransaction -Key $key -TransactionId 2000000000000001 -BaseUri http://127.0.0.1:9 -ThrottleLimit 65 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        @(New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o -ThrottleLimit 64).Count | Should -Be 1
    }
}

# How the module's objects look once they leave a cmdlet: times on the token objects are DateTimeOffset in
# scripts and ISO 8601 in UTC when Export-Csv or ConvertTo-Csv turns them into text, whatever
# the culture of the session, so a CSV written on one machine reads back on another.
BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:isoUtc = '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$'
}

Describe 'Times on token objects' {
    BeforeAll {
        $script:tokens = @(
            New-PromotionalOfferJws -Key $key -ProductId com.example.monthly -OfferIdentifier WINBACK
            New-IntroEligibilityJws -Key $key -ProductId com.example.monthly -TransactionId 2000000123456789 -AllowIntroductoryOffer $true
            New-AppStoreServerApiToken -Key $key
        )
        $script:savedCulture = [cultureinfo]::CurrentCulture
    }
    AfterEach { [cultureinfo]::CurrentCulture = $savedCulture }

    It 'Export-Csv writes <Culture> times in ISO 8601 UTC' -ForEach @(@{ Culture = 'de-DE' }, @{ Culture = 'en-US' }, @{ Culture = 'ar-SA' }, @{ Culture = 'th-TH' }) {
        [cultureinfo]::CurrentCulture = $Culture
        foreach ($token in $tokens) {
            $row = $token | ConvertTo-Csv | ConvertFrom-Csv
            $row.IssuedAt | Should -Match $isoUtc
            ([DateTimeOffset]::Parse($row.IssuedAt, [cultureinfo]::InvariantCulture)) | Should -Be $token.IssuedAt
            if ($token.PSObject.Properties['ExpiresAt']) { $row.ExpiresAt | Should -Match $isoUtc }
        }
    }

    It 'Export-Csv to a file in de-DE reads back as the same times in an invariant session' {
        $csvFolder = New-TestFolder
        $file = Join-Path $csvFolder 'tokens.csv'
        [cultureinfo]::CurrentCulture = 'de-DE'
        $tokens[2] | Export-Csv -LiteralPath $file
        [cultureinfo]::CurrentCulture = [cultureinfo]::InvariantCulture
        $row = Import-Csv -LiteralPath $file
        [DateTimeOffset]$row.IssuedAt | Should -Be $tokens[2].IssuedAt
        [DateTimeOffset]$row.ExpiresAt | Should -Be $tokens[2].ExpiresAt
        Remove-TestFolder $csvFolder
    }

    It 'stays a DateTimeOffset for scripts' {
        foreach ($token in $tokens) {
            $token.IssuedAt | Should -BeOfType [DateTimeOffset]
            $token.IssuedAt -le [DateTimeOffset]::UtcNow.AddSeconds(1) | Should -BeTrue
            $token.IssuedAt.AddMinutes(5) | Should -BeOfType [DateTimeOffset]
        }
        $tokens[2].ExpiresAt - $tokens[2].IssuedAt | Should -Be $tokens[2].Lifetime
    }

    It 'ConvertTo-Json still writes the round-trip form' {
        ($tokens[0] | ConvertTo-Json -Depth 1 | ConvertFrom-Json -DateKind String).IssuedAt | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d'
    }
}

Describe 'Keys at the prompt' {
    BeforeAll {
        $script:folder = New-TestFolder
        foreach ($id in 'ABCDE12345', 'FGHIJ67890') { New-TestKeyFile -Folder $folder -KeyId $id | Out-Null }
    }
    AfterAll { Remove-TestFolder $folder }

    It 'shows several keys from one run as a table, one line each, with the file names' {
        $keys = @(Get-ChildItem -LiteralPath $folder -Filter *.p8 | Get-AppStoreKey -IssuerId (Get-TestIssuerId))
        $keys.Count | Should -Be 2
        $lines = @(($keys | Out-String -Width 160) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^KeyId\s+IssuerId\s+BundleId\s+Thumbprint\s+Source$'
        $lines.Count | Should -Be 4
        $lines[2] | Should -Match "^ABCDE12345 $(Get-TestIssuerId) .*AuthKey_ABCDE12345\.p8$"
        $lines[3] | Should -Match '^FGHIJ67890 .*AuthKey_FGHIJ67890\.p8$'
    }

    It 'shows one key as a list' {
        $text = Get-AppStoreKey -LiteralPath (Join-Path $folder 'AuthKey_ABCDE12345.p8') | Out-String -Width 160
        $text | Should -Match '(?m)^KeyId\s+: ABCDE12345$'
        $text | Should -Match '(?m)^Thumbprint\s+: \S{43}$'
        $text | Should -Not -Match '(?m)^KeyId\s+IssuerId'
    }

    It 'writes the same key objects either way, usable for signing' {
        $keys = @(Get-ChildItem -LiteralPath $folder -Filter *.p8 | Get-AppStoreKey -IssuerId (Get-TestIssuerId) -BundleId com.example.app)
        foreach ($one in $keys) {
            (New-PromotionalOfferJws -Key $one -ProductId p -OfferIdentifier o).KeyId | Should -Be $one.KeyId
        }
        $keys[0].PSObject.TypeNames | Should -Contain 'AppStoreJws.Keys.AppStoreKey'
    }

    It 'still writes the first key when a later one stops the run' {
        $bad = Join-Path $folder 'AuthKey_KLMNO12345.p8'
        [IO.File]::WriteAllText($bad, 'not a key')
        try {
            $loaded = [Collections.Generic.List[object]]::new()
            { (Join-Path $folder 'AuthKey_ABCDE12345.p8'), $bad | ForEach-Object { Get-Item -LiteralPath $_ } | Get-AppStoreKey -ErrorAction Stop | ForEach-Object { $loaded.Add($_) } } | Should -Throw
            $loaded.KeyId | Should -Be 'ABCDE12345'
        }
        finally { Remove-Item -LiteralPath $bad }
    }
}

Describe 'Test-AppStoreJws reports at the prompt' {
    BeforeAll {
        $script:valid = New-PromotionalOfferJws -Key $key -ProductId com.example.monthly -OfferIdentifier WINBACK
        $script:intro = New-IntroEligibilityJws -Key $key -ProductId com.example.monthly -TransactionId 2000000123456789 -AllowIntroductoryOffer $true
        $script:report = Test-AppStoreJws -Token $valid.Token -Key $key

        # The rows of the checks table as text: a row starts with its result, its message continues on indented lines.
        function script:Read-CheckRows([string] $Text) {
            $rows = [Collections.Generic.List[object]]::new()
            foreach ($line in ($Text -split "`r?`n")) {
                if ($line -match '^(Pass|Warning|Fail|Skipped)\s+(\S+)\s+(.*)$') { $rows.Add([pscustomobject]@{ Name = $Matches[2]; Message = $Matches[3] }) }
                elseif ($rows.Count -and $line -match '^\s{8,}(\S.*)$') { $rows[-1].Message += ' ' + $Matches[1] }
            }
            $rows
        }
    }

    It 'lays out the checks in <Width> columns with messages wrapped at spaces, never mid-word' -ForEach @(@{ Width = 80 }, @{ Width = 100 }, @{ Width = 132 }) {
        $text = [AppStoreJws.Output.CheckTable]::Render($report.Checks, $Width - 1)
        foreach ($line in $text -split "`n") { $line.Length | Should -BeLessOrEqual ($Width - 1) }
        $rows = @(Read-CheckRows $text)
        $rows.Count | Should -Be $report.Checks.Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $rows[$i].Name | Should -Be $report.Checks[$i].Name
            $rows[$i].Message | Should -BeExactly $report.Checks[$i].Message
        }
    }

    It 'shows one report in full, in the width of the window' {
        $width = [AppStoreJws.Output.CheckTable]::WindowWidth($Host.UI)
        $text = $report | Out-String -Width $width
        $text | Should -Match '(?m)^IsValid : True$'
        foreach ($line in $text -split "`r?`n") { $line.Length | Should -BeLessOrEqual $width }
        (Read-CheckRows $text).Message | Should -Be $report.Checks.Message
    }

    It 'shows the checks on their own with messages wrapped at spaces' {
        $width = [AppStoreJws.Output.CheckTable]::WindowWidth($Host.UI)
        $text = $report.Checks | Out-String -Width $width
        (Read-CheckRows $text).Message | Should -Be $report.Checks.Message
    }

    It 'shows several reports as one line per token, with what identifies each' {
        $reports = @($valid.Token, $intro.Token, 'abc.def' | Test-AppStoreJws -Key $key)
        $reports.Count | Should -Be 3
        $lines = @(($reports | Out-String -Width 130) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 5
        $lines[0] | Should -Match '^IsValid\s+Audience\s+Identifies\s+Checks$'
        $lines[2] | Should -Match '^True\s+promotional-offer\s+productId com\.example\.monthly, offerIdentifier WINBACK\s+\d+ checks passed$'
        $lines[3] | Should -Match '^True\s+introductory-offer-eligibility\s+productId com\.example\.monthly, transactionId 2000000123456789'
        $lines[4] | Should -Match '^False\s+failed: Structure$'
        # The reports are the same objects as when one is written alone.
        $reports[0].IsValid | Should -BeTrue
        $reports[2].Checks[0].Name | Should -Be 'Structure'
    }

    It 'cuts nothing from several reports in <Width> columns: long values wrap in their column' -ForEach @(@{ Width = 80 }, @{ Width = 160 }) {
        $long = New-PromotionalOfferJws -Key $key -ProductId com.example.premium.monthly.with.a.long.product.identifier -OfferIdentifier WINBACK_SPRING_CAMPAIGN_2026 -TransactionId 2000000123456789
        $reports = @($long.Token, $intro.Token, 'abc.def' | Test-AppStoreJws -Key $key)
        $text = $reports | Out-String -Width $Width
        $text | Should -Not -Match '…' -Because "a cut value hides what tells the tokens apart:`n$text"
        foreach ($line in $text -split "`r?`n") { $line.Length | Should -BeLessOrEqual $Width }
        # The Identifies column, read by position from the header, continuation lines included.
        $lines = @($text -split "`r?`n")
        $header = $lines | Where-Object { $_ -match '^IsValid\s' } | Select-Object -First 1
        $from = $header.IndexOf('Identifies'); $to = $header.IndexOf('Checks')
        $column = ($lines | Where-Object { $_.Length -gt $from -and $_ -notmatch '^(IsValid|-------)' } | ForEach-Object { $_.Substring($from, [Math]::Min($to, $_.Length) - $from) }) -join ''
        $column -replace '\s' | Should -Match ([regex]::Escape('productIdcom.example.premium.monthly.with.a.long.product.identifier,offerIdentifierWINBACK_SPRING_CAMPAIGN_2026,transactionId2000000123456789'))
    }

    It 'prints several reports as the same table in a -File run' {
        $sandbox = New-TestFolder
        try {
            $keyFile = Join-Path $sandbox 'AuthKey_ABCDE12345.p8'
            Set-Content -LiteralPath $keyFile -Value (New-TestKeyPem) -NoNewline
            $script = Join-Path $sandbox 'several-reports.ps1'
            Set-Content -LiteralPath $script -Value @(
                "Import-Module '$($env:APPSTOREJWS_MODULE.Replace("'", "''"))'"
                "`$key = Get-AppStoreKey -LiteralPath '$($keyFile.Replace("'", "''"))' -IssuerId 57246542-96fe-1a63-e053-0824d011072a -BundleId com.example.app"
                "`$a = New-PromotionalOfferJws -Key `$key -ProductId com.example.monthly -OfferIdentifier WINBACK"
                "`$b = New-IntroEligibilityJws -Key `$key -ProductId com.example.monthly -TransactionId 2000000123456789 -AllowIntroductoryOffer `$true"
                "`$a.Token, `$b.Token | Test-AppStoreJws -Key `$key"
            )
            $pwsh = [Environment]::ProcessPath
            $arguments = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { [Environment]::GetCommandLineArgs()[0] }) + @('-NoProfile', '-NonInteractive', '-File', $script)
            $saved = @{}
            foreach ($name in 'HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME') { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $sandbox) }
            try { $output = @(& $pwsh @arguments 2>&1 | ForEach-Object { "$_" -replace '\e\[[0-9;]*m' }) }
            finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
            ($output -join "`n") | Should -Match '(?m)^IsValid\s+Audience\s+Identifies\s+Checks'
            @($output | Where-Object { $_ -match '^True\s+(promotional-offer|introductory-offer-eligibility)\s' }) | Should -HaveCount 2
            ($output -join "`n") | Should -Not -Match '…|IsValid : '
        }
        finally { Remove-TestFolder $sandbox }
    }

    It 'escapes control characters from the token in the compact table' {
        function ConvertTo-Base64Url([string] $Text) { [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Text)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        $header = ConvertTo-Base64Url '{"alg":"ES256","kid":"ABCDE12345","typ":"JWT"}'
        $payload = ConvertTo-Base64Url '{"aud":"x\u001b[31mred","productId":"p\u0007"}'
        $reports = @("$header.$payload.AAAA", "$header.$payload.AAAA" | Test-AppStoreJws -Key $key)
        $text = $reports | Out-String -Width 200
        $text | Should -Not -Match ([regex]::Escape([string][char]27))
        $text | Should -Not -Match ([regex]::Escape([string][char]7))
        $text | Should -Match ([regex]::Escape('x\u001B[31mred'))
    }

    It '-Quiet still writes one Boolean per token' {
        @($valid.Token, 'abc.def' | Test-AppStoreJws -Key $key -Quiet) | Should -Be @($true, $false)
    }
}

Describe 'Reports and checks as JSON' {
    It 'writes check results by name' {
        $report = Test-AppStoreJws -Token (New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o).Token -Key $key
        $json = $report | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Checks.Result | Select-Object -Unique | Should -Be 'Pass'
        ($report.Checks[0] | ConvertTo-Json | ConvertFrom-Json).Result | Should -BeExactly 'Pass'
        (Test-AppStoreJws -Token 'abc.def' -Key $key).Checks[0] | ConvertTo-Json -Compress | Should -Match '"Result":"Fail"'
    }

    It 'writes the App Store Connect key type by name' {
        (New-AppStoreConnectApiToken -Key $key | ConvertTo-Json | ConvertFrom-Json).KeyType | Should -BeExactly 'Team'
    }
}

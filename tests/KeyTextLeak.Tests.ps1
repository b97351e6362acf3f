# Private key text never appears in any output. Every string-like parameter of every exported cmdlet is given the
# text of a private key in each form scripts have it in (PEM with and without line breaks, the bare base64 body, the
# base64 of the whole PEM), on the command line and from the pipeline; the full error records (Format-List * -Force,
# the exception chain, TargetObject, ErrorDetails), warnings, verbose output and a transcript must not contain it.

BeforeDiscovery {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    # Parameters that are meant to take key text (private or public) are left out: the key loader's own tests cover them.
    $script:takesKeyText = @('Get-AppStoreKey:Content', 'Test-AppStoreJws:PublicKey', 'Test-PromotionalOfferSignature:PublicKey')
    $stringLike = @([string], [string[]], [object], [object[]], [psobject])
    $script:cmdletCases = foreach ($command in Get-Command -Module AppStoreJws -CommandType Cmdlet) {
        $parameters = @($command.Parameters.Values | Where-Object {
                $_.Name -notin [System.Management.Automation.Cmdlet]::CommonParameters -and
                $_.Name -notin [System.Management.Automation.Cmdlet]::OptionalCommonParameters -and
                $_.ParameterType -in $stringLike -and "$($command.Name):$($_.Name)" -notin $takesKeyText
            })
        if ($parameters) { @{ Name = $command.Name; Parameters = @($parameters.Name) } }
    }
}

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:folder = New-TestFolder
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $body = (($pem -split "`n") | Where-Object { $_ -and $_ -notmatch '^-----' }) -join ''
    $script:forms = [ordered]@{
        'PEM'                       = $pem
        'PEM without line breaks'   = ($pem -replace "`r?`n", ' ').Trim()
        'PEM with escaped newlines' = ($pem.Trim() -replace "`r?`n", '\n')
        'bare base64 body'          = $body
        'base64 of the PEM'         = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($pem))
    }
    # Any of these slices in the output means key material leaked: the body's, and the base64-of-PEM form's.
    $pemBase64 = $forms['base64 of the PEM']
    $script:secrets = @(
        for ($i = 0; $i + 20 -le $body.Length; $i += 30) { $body.Substring($i, 20) }
        for ($i = 40; $i + 20 -le $pemBase64.Length; $i += 40) { $pemBase64.Substring($i, 20) }
    )

    # Values that let each cmdlet get as far as it can, so the key text is met where it would be used.
    $script:benign = @{
        Key = $key; ProductId = 'com.example.product'; OfferIdentifier = 'offer'; TransactionId = '2000000000000001'
        OriginalTransactionId = '2000000000000001'; AllowIntroductoryOffer = $true; Token = 'a.b.c'; Signature = 'c2ln'
        Nonce = 'a1b2c3d4-0000-4000-8000-000000000001'; Timestamp = 1767323045678; Folder = (Join-Path $folder 'keys')
        Path = (Join-Path $folder 'none.p8'); SignedData = 'a.b.c'; Request = '{}'; Operation = 'CREATE_ONE_TIME_CHARGE'
        OrderId = 'MTXXXXXX'; TestNotificationToken = 'token'; StartDate = [DateTimeOffset]::UtcNow.AddDays(-1)
        EndDate = [DateTimeOffset]::UtcNow; ExtendByDays = 1; ReasonCode = 1; AppAccountToken = '7e3fb20b-4cdb-47cc-936d-99d65f608138'
        RequestIdentifier = '7e3fb20b-4cdb-47cc-936d-99d65f608138'; Method = 'GET'; KeyId = 'ABCDE12345'
    }
    $script:serverOptions = @{ BaseUri = 'http://127.0.0.1:9'; MaximumRetryCount = 0; TimeoutSec = 1 }

    function Get-Leak {
        param([object[]] $Records)
        foreach ($record in $Records) {
            $text = [Text.StringBuilder]::new()
            [void]$text.Append(($record | Format-List * -Force | Out-String -Width 4096))
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                [void]$text.Append("$($record.ErrorDetails)").Append(($record.TargetObject | Format-List * -Force | Out-String -Width 4096)).Append("$($record.TargetObject)")
                for ($e = $record.Exception; $e; $e = $e.InnerException) {
                    [void]$text.Append($e.Message).Append(($e | Format-List * -Force | Out-String -Width 4096))
                }
            }

            $found = $text.ToString()
            foreach ($secret in $secrets) { if ($found.Contains($secret)) { return $found } }
        }
    }

    # Runs one call with everything captured; returns the records (errors, warnings, verbose) it produced.
    function Invoke-Captured {
        param([string] $Name, [hashtable] $Arguments, $PipelineInput, [switch] $Piped)
        $Error.Clear()
        $records = [Collections.Generic.List[object]]::new()
        try {
            $output = if ($Piped) {
                $PipelineInput | & $Name @Arguments -ErrorAction Continue -WarningAction Continue -Verbose 2>&1 3>&1 4>&1 5>&1
            }
            else {
                & $Name @Arguments -ErrorAction Continue -WarningAction Continue -Verbose 2>&1 3>&1 4>&1 5>&1
            }
            foreach ($item in $output) { $records.Add($item) }
        }
        catch {
            $records.Add($_)
        }
        foreach ($item in $Error) { $records.Add($item) }
        , $records
    }

    function Get-Arguments {
        param([string] $Name, [string] $Parameter)
        $command = Get-Command $Name
        # The first parameter set that has the tested parameter; its other mandatory parameters get benign values.
        $set = @($command.ParameterSets | Where-Object { $_.Parameters.Name -contains $Parameter })[0]
        $arguments = @{}
        foreach ($p in $set.Parameters) {
            if ($p.Name -ne $Parameter -and $p.IsMandatory) {
                $arguments[$p.Name] = if ($benign.ContainsKey($p.Name)) { $benign[$p.Name] } else { 'x' }
            }
        }
        if ($command.Parameters.ContainsKey('BaseUri') -and $Parameter -ne 'BaseUri') { $serverOptions.GetEnumerator() | ForEach-Object { $arguments[$_.Key] = $_.Value } }
        if ($command.Parameters.ContainsKey('WhatIf')) { $arguments['WhatIf'] = $true }
        $arguments
    }
}

AfterAll {
    Remove-TestFolder $folder
}

Describe 'Key text given to <Name>' -ForEach $cmdletCases {
    It 'never appears in errors, warnings or verbose output, whichever string parameter it is given to' {
        $checked = 0
        foreach ($parameter in $Parameters) {
            $info = (Get-Command $Name).Parameters[$parameter]
            $byValue = $info.Attributes | Where-Object { $_ -is [Parameter] -and $_.ValueFromPipeline }
            $byName = $info.Attributes | Where-Object { $_ -is [Parameter] -and $_.ValueFromPipelineByPropertyName }
            foreach ($form in $forms.GetEnumerator()) {
                $arguments = Get-Arguments $Name $parameter
                $direct = $arguments.Clone()
                $direct[$parameter] = $form.Value
                $leak = Get-Leak (Invoke-Captured $Name $direct)
                $leak | Should -BeNullOrEmpty -Because "-$parameter given $($form.Key) on the command line"
                $checked++
                if ($byName) {
                    $row = [pscustomobject]@{ $parameter = $form.Value }
                    $leak = Get-Leak (Invoke-Captured $Name $arguments -PipelineInput $row -Piped)
                    $leak | Should -BeNullOrEmpty -Because "-$parameter given $($form.Key) in a pipeline row"
                    $checked++
                }
                if ($byValue) {
                    $leak = Get-Leak (Invoke-Captured $Name $arguments -PipelineInput $form.Value -Piped)
                    $leak | Should -BeNullOrEmpty -Because "-$parameter given $($form.Key) from the pipeline"
                    $checked++
                }
            }
        }
        $checked | Should -BeGreaterOrEqual ($Parameters.Count * $forms.Count)
    }
}

Describe 'Key text in the wrong place gets an error that says so' {
    It '<Case>' -ForEach @(
        @{ Case = 'Get-AppStoreKey with the key text bound to -Path by position'; Call = { Get-AppStoreKey $pem -KeyId ABCDE12345 } }
        @{ Case = 'key text piped to Get-AppStoreKey'; Call = { $pem | Get-AppStoreKey } }
        @{ Case = 'Get-AppStoreKey -EnvironmentVariable given the value instead of the name'; Call = { Get-AppStoreKey -EnvironmentVariable $pem } }
        @{ Case = 'Get-AppStoreKey -KeyId given the key text'; Call = { Get-AppStoreKey -Path (Join-Path $folder 'AuthKey_ABCDE12345.p8') -KeyId $pem } }
        @{ Case = 'Test-AppStoreJws -Path given the key text'; Call = { Test-AppStoreJws -Token 'a.b.c' -Path $pem } }
        @{ Case = 'Test-PromotionalOfferSignature -Path given the key text'; Call = { Test-PromotionalOfferSignature -Signature c2ln -ProductId p -OfferIdentifier o -Nonce $benign.Nonce -Timestamp 1767323045678 -Path $pem } }
        @{ Case = 'a CSV row whose productId cell holds the key text'; Call = { [pscustomobject]@{ ProductId = $pem; OfferIdentifier = 'o' } | New-PromotionalOfferJws -Key $key } }
    ) {
        $Error.Clear()
        $records = @(try { & $Call 2>&1 3>&1 4>&1 } catch { $_ }) + @($Error)
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | Should -Not -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Match '^(KeyTextInParameter|ParameterArgumentTransformationError),'
        "$($errors[0])" | Should -Match 'looks like the text of a private key'
        "$($errors[0])" | Should -Match 'Get-AppStoreKey'
        Get-Leak $records | Should -BeNullOrEmpty
    }

    It '-Key given the key text says it takes what Get-AppStoreKey returns' {
        { New-PromotionalOfferJws -Key $pem -ProductId p -OfferIdentifier o } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -ExpectedMessage '*takes the object Get-AppStoreKey returns*'
        { New-PromotionalOfferJws -Key 'ABCDE12345' -ProductId p -OfferIdentifier o } | Should -Throw -ExpectedMessage '*found a string*'
    }

    It 'the other rows of a run are still signed' {
        $rows = @(
            [pscustomobject]@{ ProductId = 'first'; OfferIdentifier = 'o' }
            [pscustomobject]@{ ProductId = $pem; OfferIdentifier = 'o' }
            [pscustomobject]@{ ProductId = 'last'; OfferIdentifier = 'o' }
        )
        $out = $rows | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out.ProductId | Should -Be @('first', 'last')
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'KeyTextInParameter,*'
        $errors[0].TargetObject | Should -BeNullOrEmpty
        Get-Leak $errors | Should -BeNullOrEmpty
    }

    It 'a transcript of such a session holds no key text' {
        # In a child pwsh (a transcript needs a console host), whose console output is captured here rather than printed.
        $transcript = Join-Path $folder 'transcript.txt'
        $formsFile = Join-Path $folder 'forms.json'
        [IO.File]::WriteAllText($formsFile, (@($forms.Values) | ConvertTo-Json))
        $keyFile = New-TestKeyFile -Folder $folder -KeyId ABCDE12345 -Pem $pem
        $script = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$($env:APPSTOREJWS_MODULE)'
`$key = Get-AppStoreKey -LiteralPath '$keyFile' -IssuerId $(Get-TestIssuerId) -BundleId com.example.app
`$forms = Get-Content -LiteralPath '$formsFile' -Raw | ConvertFrom-Json
Start-Transcript -LiteralPath '$transcript' | Out-Null
try {
    foreach (`$form in `$forms) {
        try { Get-AppStoreKey `$form -KeyId ABCDE12345 } catch { `$_ | Out-Host }
        try { New-PromotionalOfferJws -Key `$form -ProductId p -OfferIdentifier o } catch { `$_ | Out-Host }
        [pscustomobject]@{ ProductId = `$form; OfferIdentifier = 'o' } | New-PromotionalOfferJws -Key `$key -ErrorAction Continue 2>&1 | Out-Host
        Test-AppStoreJws -Token `$form -Key `$key -ErrorAction Continue 2>&1 | Out-Host
        `$Error | Select-Object -First 3 | Format-List * -Force | Out-Host
    }
}
finally {
    Stop-Transcript | Out-Null
}
"@
        $console = Invoke-ChildPwsh $script
        $console | Should -Not -BeNullOrEmpty
        $text = Get-Content -LiteralPath $transcript -Raw
        $text | Should -Match 'looks like the text of a private key'
        foreach ($secret in $secrets) {
            $text.Contains($secret) | Should -BeFalse
            ($console -join "`n").Contains($secret) | Should -BeFalse
        }
    }
}

Describe 'What the module says about its own errors' {
    It 'a message that quotes a value redacts key text in it' {
        # A bundle ID cell holding key text with a trailing space: refused as key text before any rule quotes it.
        $row = [pscustomobject]@{ ProductId = 'p'; OfferIdentifier = 'o'; BundleId = "$($forms['bare base64 body']) " }
        $null = $row | New-PromotionalOfferJws -Key $key -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        Get-Leak $errors | Should -BeNullOrEmpty
    }
}

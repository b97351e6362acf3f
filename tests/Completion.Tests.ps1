# Tab completion, read through TabExpansion2 as the console does. The parameters that must complete are found from
# the module's own metadata, so a new parameter of one of these kinds fails here until it completes.
BeforeDiscovery {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    # Parameters whose values come from a fixed list that is not in their type: ISO codes, names, audiences, operations.
    $namedLists = '^(Currency|Storefront.*|EnvironmentVariable|Audience|Operation|Period|Locale|BillingPlanType|NotificationType|NotificationSubtype)$'

    $script:completing = foreach ($command in Get-Command -Module AppStoreJws -CommandType Cmdlet) {
        foreach ($parameter in $command.Parameters.Values) {
            if ($parameter.Name -in $common -or $parameter.SwitchParameter) { continue }
            $type = $parameter.ParameterType
            $type = if ($type.IsArray) { $type.GetElementType() } else { $type }
            $type = if ([Nullable]::GetUnderlyingType($type)) { [Nullable]::GetUnderlyingType($type) } else { $type }
            $set = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
            $range = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
            $case = @{ Command = $command.Name; Parameter = $parameter.Name; Expected = $null }
            if ($set) { $case.Kind = 'set'; $case.Expected = @($set.ValidValues) }
            elseif ($type.IsEnum) { $case.Kind = 'enumeration'; $case.Expected = [Enum]::GetNames($type) }
            elseif ($type -eq [bool]) { $case.Kind = 'boolean'; $case.Expected = @('$true', '$false') }
            elseif ($type -eq [TimeSpan]) { $case.Kind = 'duration' }
            elseif ($type -eq [int] -and $range -and ($range.MaxRange - $range.MinRange) -lt 10) {
                $case.Kind = 'numbered value'; $case.Expected = @($range.MinRange..$range.MaxRange | ForEach-Object { "$_" })
            }
            elseif ($parameter.Name -match $namedLists) { $case.Kind = 'list' }
            else { continue }
            $case
        }
    }
    $script:withExpected = @($completing | Where-Object { $null -ne $_.Expected })
    $script:durations = @($completing | Where-Object Kind -EQ 'duration')
    $script:isoCodes = @($completing | Where-Object Parameter -Match '^(Currency|Storefront)')
}

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }

    # What a completed duration means, read without the module: seconds, ISO 8601 or hh:mm:ss.
    function ConvertTo-ExpectedDuration([string] $Text) {
        if ($Text -match '^\d+$') { [TimeSpan]::FromSeconds([int] $Text) }
        elseif ($Text -like 'P*') { [Xml.XmlConvert]::ToTimeSpan($Text) }
        else { [TimeSpan]::Parse($Text, [Globalization.CultureInfo]::InvariantCulture) }
    }

    $script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:request = '{"operation":"CREATE_ONE_TIME_CHARGE","version":"1","requestInfo":{"requestReferenceId":"f55df048-4cd8-4261-b404-b6f813ff70e5"},"currency":"USD","taxCode":"C003-00-2","storefront":"USA","item":{"SKU":"BOOK_123","displayName":"A book","description":"An e-book","price":4990}}'
    $script:token = (New-PromotionalOfferJws -Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1).Token
    # The least each cmdlet with a duration needs to run, so each offered value goes through the cmdlet's own checks.
    $script:invocations = @{
        'New-AppStoreServerApiToken'  = '-Key $key'
        'New-AppStoreConnectApiToken' = '-Key $key'
        'New-PromotionalOfferJws'     = '-Key $key -ProductId com.example.sub -OfferIdentifier WINBACK1'
        'New-IntroEligibilityJws'     = '-Key $key -ProductId com.example.sub -AllowIntroductoryOffer $true -TransactionId 2000000123456789'
        'New-AdvancedCommerceJws'     = '-Key $key -Request $request'
        'Test-AppStoreJws'            = '-Token $token -Key $key'
    }
}

Describe 'Tab completion of parameter values' {
    It 'finds the parameters to check' {
        # Guards the discovery above: an empty list would let every test below pass by running none.
        $completing.Count | Should -BeGreaterThan 40
        $durations.Count | Should -BeGreaterThan 5
    }

    It '<Command> -<Parameter> (<Kind>) offers values, not file names' -ForEach $completing {
        $offered = Get-Completion "$Command -$Parameter "
        $offered | Should -Not -BeNullOrEmpty
        $offered.ResultType | Sort-Object -Unique | Should -Be 'ParameterValue'
    }

    It '<Command> -<Parameter> (<Kind>) offers every allowed value' -ForEach $withExpected {
        $offered = (Get-Completion "$Command -$Parameter ").CompletionText
        ($offered | Sort-Object) | Should -Be ($Expected | Sort-Object)
    }

    It '<Command> -<Parameter> completes a code from the ISO list' -ForEach $isoCodes {
        $expected = if ($Parameter -eq 'Currency') { 'USD' } else { 'USA' }
        $offered = (Get-Completion "$Command -$Parameter US").CompletionText
        $offered | Should -Contain $expected
        $offered | Where-Object { $_ -cnotmatch '^US[A-Z]$' } | Should -BeNullOrEmpty
    }

    It 'names each numbered value in its tooltip' {
        (Get-Completion 'Get-AppStoreSubscriptionStatus -Status ' | Where-Object CompletionText -EQ '3').ToolTip | Should -BeExactly '3: BillingRetry'
        (Get-Completion 'Update-AppStoreSubscriptionRenewalDate -ReasonCode ' | Where-Object CompletionText -EQ '1').ToolTip | Should -BeExactly '1: CustomerSatisfaction'
    }
}

Describe 'Tab completion of durations' {
    It '<Command> -<Parameter>: every offered value is accepted by the cmdlet and means what its tooltip says' -ForEach $durations {
        $invocations.Keys | Should -Contain $Command -Because 'the table above needs a way to run each cmdlet with a duration'
        $offered = Get-Completion "$Command -$Parameter "
        $offered.CompletionText | Should -Contain '00:01:00'
        foreach ($value in $offered) {
            $expected = ConvertTo-ExpectedDuration $value.CompletionText
            $spoken = if ($expected -eq [TimeSpan]::Zero) { 'None' } elseif ($expected.TotalMinutes -lt 1) { "$($expected.TotalSeconds) seconds" } else { "$($expected.TotalMinutes) minute" }
            $value.ToolTip | Should -BeLike "$spoken*"
            $result = & ([scriptblock]::Create("$Command $($invocations[$Command]) -$Parameter $($value.CompletionText) -ErrorAction Stop"))
            $result | Should -Not -BeNullOrEmpty
            if ($Parameter -eq 'Lifetime') { $result.Lifetime | Should -Be $expected }
        }
    }

    It 'offers each duration as seconds, an ISO 8601 duration and hh:mm:ss, narrowed by what is typed' {
        $all = (Get-Completion 'New-AppStoreServerApiToken -Lifetime ').CompletionText
        foreach ($form in '300', 'PT5M', '00:05:00') { $all | Should -Contain $form }
        $iso = (Get-Completion 'New-AppStoreServerApiToken -Lifetime pt').CompletionText
        $iso | Should -Contain 'PT5M'
        $iso | Where-Object { $_ -cnotmatch '^PT' } | Should -BeNullOrEmpty
        $clock = (Get-Completion 'New-AppStoreServerApiToken -Lifetime 00:').CompletionText
        $clock | Should -Contain '00:05:00'
        $clock | Where-Object { $_ -notmatch '^00:\d\d:\d\d$' } | Should -BeNullOrEmpty
        (Get-Completion 'New-AppStoreServerApiToken -Lifetime PT5').ToolTip | Should -BeLike '*the default for App Store Server API tokens'
    }

    It "goes up to Apple's longest lifetime for each API and no further" {
        $server = (Get-Completion 'New-AppStoreServerApiToken -Lifetime ').CompletionText
        $connect = (Get-Completion 'AppStoreJws\New-AppStoreConnectApiToken -Lifetime ').CompletionText
        $server | Should -Contain 'PT1H'
        $connect | Should -Contain 'PT20M'
        $connect | Should -Not -Contain 'PT30M'
        (Get-Completion 'New-AppStoreConnectApiToken -Lifetime ').CompletionText | Should -Be $connect
    }
}

Describe 'Tab completion of -EnvironmentVariable' {
    BeforeAll {
        $suffix = [guid]::NewGuid().ToString('N').ToUpperInvariant()
        $script:variable = "APPSTORE_TEST_$suffix"
        # A name that needs quoting, as Windows has with ProgramFiles(x86).
        $script:quotedVariable = "APPSTORE_TEST_(x86)_$suffix"
        $script:pem = New-TestKeyPem
        [Environment]::SetEnvironmentVariable($variable, $pem)
        [Environment]::SetEnvironmentVariable($quotedVariable, $pem)
    }

    AfterAll {
        [Environment]::SetEnvironmentVariable($variable, $null)
        [Environment]::SetEnvironmentVariable($quotedVariable, $null)
    }

    It 'offers the names of the variables set now that start with the typed text' {
        $offered = Get-Completion 'Get-AppStoreKey -EnvironmentVariable APPSTORE_TEST_'
        $offered.ListItemText | Should -Contain $variable
        $offered.ListItemText | Should -Contain $quotedVariable
        $offered.ListItemText | Where-Object { $_ -cnotlike 'APPSTORE_TEST_*' } | Should -BeNullOrEmpty
    }

    It 'never shows a value: not in the completion text, the list text or the tooltip' {
        $line = $pem.Split("`n")[1].Trim()
        $offered = Get-Completion 'Get-AppStoreKey -EnvironmentVariable '
        $offered.ListItemText | Should -Contain $variable
        foreach ($value in $offered) {
            foreach ($text in $value.CompletionText, $value.ListItemText, $value.ToolTip) {
                $text | Should -Not -Match 'BEGIN|PRIVATE KEY'
                $text.Contains($line) | Should -BeFalse
            }
        }
    }

    It 'matches the case of names as the platform does' {
        $offered = (Get-Completion 'Get-AppStoreKey -EnvironmentVariable appstore_test_').ListItemText
        if ($IsWindows) { $offered | Should -Contain $variable } else { $offered | Should -Not -Contain $variable }
    }

    It 'quotes a name that needs it, so the completed line loads the key' {
        $completed = (Get-Completion "Get-AppStoreKey -EnvironmentVariable APPSTORE_TEST_").CompletionText |
            Where-Object { $_ -like "*(x86)_$suffix*" }
        $completed | Should -BeExactly "'$quotedVariable'"
        $loaded = & ([scriptblock]::Create("Get-AppStoreKey -EnvironmentVariable $completed -KeyId ABCDE12345 -ErrorAction Stop"))
        $loaded.KeyId | Should -BeExactly 'ABCDE12345'
    }
}

Describe 'Tab completion of Apple''s Retention Messaging and notification values' {
    BeforeAll {
        # Apple's Node library's enumerations, read from its declarations: the lists the module offers must hold them all.
        function Get-AppleEnumeration([string] $Name) {
            $file = Join-Path $env:APPSTOREJWS_REPO "tests/interop/node_modules/@apple/app-store-server-library/dist/models/$Name.d.ts"
            @([regex]::Matches((Get-Content -LiteralPath $file -Raw), '(?m)^\s*\w+ = "(\w+)"') | ForEach-Object { $_.Groups[1].Value })
        }
        function Get-Offered([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText) }
    }

    It 'offers every notification type of Apple''s library, the newest among them' {
        $offered = Get-Offered 'Get-AppStoreNotificationHistory -NotificationType '
        $apple = Get-AppleEnumeration NotificationTypeV2
        $apple.Count | Should -BeGreaterThan 20
        $apple | Where-Object { $_ -notin $offered } | Should -BeNullOrEmpty
        foreach ($type in 'METADATA_UPDATE', 'MIGRATION', 'PRICE_CHANGE', 'RESCIND_CONSENT') { $offered | Should -Contain $type }
        Get-Offered 'Get-AppStoreNotificationHistory -NotificationType RE' | Should -Be @('REFUND', 'REFUND_DECLINED', 'REFUND_REVERSED', 'RENEWAL_EXTENDED', 'RENEWAL_EXTENSION', 'RESCIND_CONSENT', 'REVOKE')
    }

    It 'offers every notification subtype of Apple''s library and the external purchase token''s two from Apple''s documentation' {
        $offered = Get-Offered 'Get-AppStoreNotificationHistory -NotificationSubtype '
        $apple = Get-AppleEnumeration Subtype
        $apple | Where-Object { $_ -notin $offered } | Should -BeNullOrEmpty
        $offered | Should -Contain 'ACTIVE_TOKEN_REMINDER'
        $offered | Should -Contain 'CREATED'
    }

    It 'offers Apple''s billing plan types, exactly Apple''s library''s' {
        Get-Offered 'New-AppStoreRetentionResponse -ProductId com.example.basic -BillingPlanType ' | Sort-Object | Should -Be (Get-AppleEnumeration BillingPlanType | Sort-Object)
    }

    It '<_> -Locale offers Apple''s locale short codes in Apple''s spelling, narrowed by what is typed' -ForEach @(
        'Set-AppStoreRetentionDefaultMessage', 'Get-AppStoreRetentionDefaultMessage', 'Remove-AppStoreRetentionDefaultMessage') {
        $all = Get-Offered "$_ -ProductId com.example.premium -Locale "
        $all.Count | Should -Be 39
        foreach ($locale in 'en-US', 'de-DE', 'ja', 'zh-Hans', 'zh-Hant', 'pt-BR', 'es-MX', 'ar-SA') { $all | Should -Contain $locale }
        Get-Offered "$_ -ProductId com.example.premium -Locale zh" | Should -Be @('zh-Hans', 'zh-Hant')
        Get-Offered "$_ -ProductId com.example.premium -Locale EN-G" | Should -Be @('en-GB')
    }
}

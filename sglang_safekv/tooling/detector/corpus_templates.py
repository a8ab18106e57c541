"""Templates and filler vocabularies for the labeled corpus (see ``corpus.py``).

Template syntax: ``{slot}`` is filled by the generator (sensitive slots become gold entity
spans); ``<health>...</health>`` (also finance, personal, credential) marks a narrative whose
whole text is one gold span. Everything else is literal. Each list is split by position into
train and held-out templates, so the held-out set measures tier 3 on phrasings it never saw.
"""

from __future__ import annotations

# --- sensitive: entities in chat messages, forms, emails ---------------------------------------

PII_TEMPLATES = [
    "Hi, my name is {name} and I need help with my account.",
    "Please update my phone number to {phone}, the old one no longer works.",
    "You can reach me at {email} or on my cell {phone}.",
    "Ship it to {address} please, I'm home after six.",
    "My credit card number is {card}, expiry 08/27.",
    "Can you check why the charge on card {card} was declined?",
    "My SSN is {ssn} if you need it for the tax form.",
    "Social security number: {ssn}",
    "I was born on {dob} in {home_city}.",
    "Date of birth: {dob}",
    "Wire the refund to IBAN {iban}, account holder {name}.",
    "Routing number {routing}, account number {account}.",
    "The server that keeps crashing is at {ip}, can you see why?",
    "My passport number is {passport} and it expires next year.",
    "Hey it's {first}, I moved to {home_city} last month so update my profile.",
    "Send the documents to {name}, {address}.",
    "I'm {name}, customer since 2015; my email is {email}.",
    "Contact person: {name}\nPhone: {phone}\nEmail: {email}",
    "Name: {name}\nDOB: {dob}\nSSN: {ssn}\nAddress: {address}",
    "Dear {name},\nThank you for your application. We will call you at {phone} next week.",
    "Please add {name} ({email}) to the shared folder.",
    "The tenant, {name}, lives at {address} and pays on the first of the month.",
    "Could you draft a letter to my landlord {name} about the broken heater?",
    "Call my wife {first} at {phone} if I don't answer.",
    "Billing address: {address}. Card: {card}.",
    "My home address is {address} and my phone is {phone}.",
    "I live in {home_city} with my two kids.",
    "My IP is {ip}, please whitelist it for the VPN.",
    "Write a cover letter for {name}, who lives in {home_city} and can be reached at {email}.",
    "Translate this for my neighbour {name}: the meeting moved to Thursday.",
    "Patient: {name}, DOB {dob}, MRN 4471-2290.",
    "Employee {name} (SSN {ssn}) starts Monday.",
    "Here's my info for the rental application: {name}, {phone}, {email}.",
    "Summarize this email from {name} <{email}> about the contract renewal.",
    "Use {iban} for the deposit and {name} as the beneficiary name.",
    "my card is {card} can u check if it's blocked",
    "pls call me back on {phone}, ask for {first}",
    "Reminder: {name}'s birthday is {dob}, order a cake.",
    "The login attempts came from {ip} and {ip2}.",
    "Send my tax documents to {email} and cc my accountant {name}.",
    "Account holder: {name}, IBAN: {iban}, BIC: {bic}",
    "{name} called from {phone} asking about the overdue invoice.",
    "I'm writing on behalf of my father, {name}, who lives at {address}.",
    "Update shipping: {name}\n{address}\n{phone}",
    "My bank account number is {account} at {company} Bank.",
]

# --- sensitive: narratives that patterns and NER alone tend to miss ----------------------------

HEALTH_TEMPLATES = [
    "<health>I was diagnosed with {condition} last {month} and I'm still adjusting.</health>",
    "<health>My doctor put me on {medication} for my {condition}.</health> Is it safe to drink coffee?",
    "Quick question. <health>I've been taking {medication} for three years and the side effects are getting worse.</health>",
    "<health>My {relation} has {condition} and refuses to see anyone about it.</health> How do I talk to them?",
    "<health>I had a panic attack at work again and had to leave early.</health> What should I tell my boss?",
    "<health>Since the surgery I can barely sleep and the pain in my back keeps me up.</health>",
    "<health>I'm pregnant but haven't told anyone yet, not even my partner.</health> Can you help me plan how to tell them?",
    "<health>My therapist thinks my {condition} is linked to what happened when I was a kid.</health>",
    "<health>i relapsed last weekend after six months clean and i feel awful</health>",
    "<health>My blood test came back positive for {condition}.</health> What questions should I ask at my appointment?",
    "<health>I've lost twenty pounds without trying and my hands shake all the time.</health>",
    "<health>Our son was admitted to the psych ward on Friday.</health> How do we support him when he comes home?",
    "<health>I keep forgetting words mid-sentence and my mom had early dementia at my age.</health>",
    "<health>I stopped taking my {medication} without telling my psychiatrist.</health>",
    "<health>Ever since the miscarriage I can't stop crying at night.</health>",
    "<health>the biopsy results showed the tumor is malignant, they want to start chemo next week</health>",
    "<health>My wife's seizures have gotten more frequent since she changed her dose.</health>",
    "<health>I need a note for work that doesn't mention my {condition}.</health>",
    "<health>I'm HIV positive and starting a new job; do I have to tell my employer?</health>",
    "<health>Dad's memory is getting worse and last week he got lost driving home from the store.</health>",
    "<health>I get these migraines three times a week and nothing the clinic prescribed helps.</health>",
]

FINANCE_TEMPLATES = [
    "<finance>I make {money} a year but I'm still behind on my rent.</finance> What should I cut?",
    "<finance>I owe {money} on my credit cards and the minimum payments are eating my paycheck.</finance>",
    "<finance>My salary at {company} is {money} and I want to ask for a raise.</finance> How do I start?",
    "<finance>We're about to lose the house, the bank sent a foreclosure notice yesterday.</finance>",
    "<finance>I filed for bankruptcy in 2019 and my credit score is still terrible.</finance>",
    "<finance>My checking account is overdrawn by {money} again.</finance>",
    "Help me write an email to HR. <finance>My bonus this year was only {money}, half of what was promised.</finance>",
    "<finance>I borrowed {money} from my brother and haven't paid him back.</finance>",
    "<finance>My mom's pension is {money} a month and it doesn't cover her medication.</finance>",
    "<finance>we have {money} in savings and {money2} in student loans, should we pay off the loans first</finance>",
    "<finance>I got laid off and my severance runs out in two weeks.</finance>",
    "<finance>My net worth is around {money}, mostly in my 401k.</finance> Am I on track to retire at 60?",
    "<finance>A collections agency keeps calling me about a {money} medical bill.</finance>",
    "<finance>My husband doesn't know about the {money} loan I took out last year.</finance>",
    "<finance>After the divorce I pay {money} a month in alimony and can barely afford groceries.</finance>",
    "<finance>I inherited {money} from my aunt and don't know how to invest it.</finance>",
    "<finance>My paycheck bounced twice this month and my landlord is threatening eviction.</finance>",
    "<finance>I earn less than my coworkers who started after me, around {money} less.</finance>",
    "<finance>Last year I only reported half of my freelance income on my taxes.</finance>",
    "<finance>Our family lives on {money} a year and we have three kids.</finance>",
]

PERSONAL_TEMPLATES = [
    "<personal>My wife found out about the affair last night and wants a divorce.</personal> What do I do now?",
    "<personal>I was arrested for a DUI in {year} and it's on my record.</personal> Will it show up in a background check?",
    "<personal>My visa expires next month and my employer won't sponsor me.</personal>",
    "<personal>I'm gay but my parents don't know and I'm scared to tell them.</personal>",
    "<personal>My ex keeps showing up at my apartment even after the restraining order.</personal>",
    "<personal>I'm in a custody fight with my {relation2} over our daughter.</personal>",
    "<personal>My brother is in prison and I haven't told my fiance.</personal>",
    "<personal>I got fired yesterday for something my manager did.</personal> How do I explain it in interviews?",
    "<personal>My husband hits me when he drinks and I don't know where to go.</personal>",
    "<personal>We're undocumented and my son needs to enroll in school.</personal>",
    "<personal>i cheated on my girlfriend and she doesn't know</personal> should i tell her",
    "<personal>I'm converting to Islam and my family will be furious.</personal>",
    "<personal>My daughter ran away from home two days ago and the police won't help.</personal>",
    "<personal>I'm on probation until {year} and can't leave the state.</personal> Can I still travel for work?",
    "<personal>I was adopted and I just found my birth mother on Facebook.</personal>",
    "<personal>My coworker and I are secretly dating and HR has no idea.</personal>",
    "<personal>I'm transgender and starting to transition at work next month.</personal>",
    "<personal>My landlord is suing me over damage I didn't cause.</personal>",
    "<personal>My teenage son was caught selling pills at school.</personal>",
    "<personal>Our marriage is falling apart and we sleep in separate rooms now.</personal>",
]

CREDENTIAL_TEMPLATES = [
    "My password is {password}, can you check if it's strong enough?",
    "here's the login for the shared account: {email} / {password}",
    "The wifi password is {password}.",
    "Use this key to call the API: {api_key}",
    "export AWS_ACCESS_KEY_ID={aws_key}\nexport AWS_SECRET_ACCESS_KEY={aws_secret}",
    "Why does this fail? curl -H 'Authorization: Bearer {jwt}' https://api.{domain}/v1/me",
    "OPENAI_API_KEY={openai_key}",
    'client = Client(api_key="{openai_key}")',
    "My GitHub token {gh_token} stopped working after I changed orgs.",
    "SLACK_BOT_TOKEN={slack_token}",
    "stripe.api_key = '{stripe_key}'",
    "DATABASE_URL=postgres://admin:{password}@db.{domain}:5432/prod",
    "Here is the deploy key, please add it to the server:\n{pem}",
    "GOOGLE_API_KEY={gcp_key}",
    "DefaultEndpointsProtocol=https;AccountName=prodstore;AccountKey={azure_key};EndpointSuffix=core.windows.net",
    "<credential>my bank pin is the year my dad was born, 1961</credential>",
    "<credential>I use the same password for everything, it's my dog's name plus my birthday</credential>",
    "The admin login is admin and the passcode is {password}.",
    "Can you debug this? requests.get(url, headers={{'X-Api-Key': '{api_key}'}})",
    "token: {gh_token}",
    "<credential>The security answer for my bank is my mother's maiden name, Kowalski.</credential>",
    'password = "{password}"',
    # Configuration shapes with a real-looking value; the same shapes with a placeholder are
    # clean (HARD_NEGATIVE_TEMPLATES), so the model learns the value, not the key name.
    "export {secret_env}={api_key}",
    "setx {secret_env} {openai_key}",
    '{secret_env}: "{api_key}"',
    "Set {secret_env} to {gh_token} in the .env file before starting the server.",
    'settings["{secret_var}"] = "{password}"',
    "{secret_env}={stripe_key} {product_cmd} --model {model_id}",
]

# --- clean: operator system prompts -------------------------------------------------------------

SYSTEM_PROMPT_TEMPLATES = [
    "You are a helpful assistant for {company}. Answer questions about {product} clearly and politely. If you do not know the answer, say so and suggest contacting support.",
    "You are {assistant}, the customer support assistant of {company}. Be concise. Never ask users for passwords or full card numbers. Escalate billing disputes to a human agent.",
    "You are a senior software engineer. Review the user's code for bugs, security issues and style. Explain each finding and propose a fix. Prefer standard library solutions.",
    "You are a medical information assistant. Provide general health information only. Do not diagnose conditions or prescribe medication; always recommend consulting a licensed physician.",
    "You are a financial literacy tutor. Explain budgeting, saving, loans, interest rates and credit scores in simple terms. Do not give individual investment advice.",
    "System: You are an expert translator. Translate the user's text into {language}, preserving tone and formatting. Do not add explanations unless asked.",
    "You are a travel planner for {company}. Suggest itineraries, local food and transport options for {public_city}. Keep answers under 200 words.",
    "You are an HR policy assistant. Answer questions using the employee handbook below. Topics include vacation, parental leave, remote work, expense reports and code of conduct.",
    "Act as a SQL expert. Given a schema and a question, write a correct and efficient query. Explain joins and indexes when relevant.",
    "You are a writing coach. Help the user improve clarity, structure and grammar. Keep the author's voice. Point out passive voice and filler words.",
    "You are a legal information assistant for tenants in {public_city}. Explain rights around deposits, repairs and eviction procedures in general terms. This is not legal advice.",
    "You are a friendly tutor for high school mathematics. Guide the student step by step and ask questions instead of giving the final answer immediately.",
    "You are the IT helpdesk bot of {company}. You can reset passwords through the self-service portal link, unlock accounts and explain VPN setup. Never display or repeat credentials.",
    "You are a data analyst. When given CSV data, compute summary statistics, find trends and suggest charts. Use pandas in code examples.",
    "You are a cooking assistant. Suggest recipes based on ingredients the user has, note allergens, and give metric and imperial quantities.",
    "You are an assistant that summarizes meeting transcripts into decisions, action items and open questions. Use bullet points.",
    "You are a security awareness trainer. Explain phishing, password managers, two-factor authentication and safe browsing habits with examples.",
    "You are {assistant}, a shopping assistant for {company}. Recommend {product} accessories, compare prices and explain return policies.",
    "You are a careful research assistant. Cite sources, distinguish facts from opinions and flag uncertainty. Answer in {language} if the user writes in it.",
    "Role: customer onboarding assistant for {company}. Explain account setup, identity verification steps and fees. Do not collect social security numbers in chat; direct users to the secure form.",
    "You are a mental health support guide. Offer general coping strategies and encourage professional help. If someone is in crisis, share emergency hotline information.",
    "You are a product manager assistant. Turn feature ideas into user stories with acceptance criteria and rough effort estimates.",
]

# --- clean: public documents, docs and generic chat ---------------------------------------------

PUBLIC_DOC_TEMPLATES = [
    "{product} {version} adds support for streaming responses, improves startup time by 30 percent and fixes a crash on exit. Upgrade with pip install -U {package}.",
    "To configure the client, set the environment variable API_BASE_URL and restart the service. See the documentation at https://docs.{domain}/setup for details.",
    "{company} announced on {weekday} that it will open a new office in {public_city} next year, adding about {number} jobs.",
    "The quarterly report shows revenue grew {percent} percent while operating costs stayed flat. The board approved a dividend of $0.{number2} per share.",
    "Diabetes is a chronic condition that affects how the body turns food into energy. Regular exercise and a balanced diet help manage blood sugar.",
    "A credit score summarizes how reliably a person repays debt. Paying bills on time and keeping balances low are the most important factors.",
    "Commit {sha} fixes the race condition in the scheduler. The regression test is in tests/test_scheduler.py.",
    "Each request is assigned an ID such as {uuid}, which appears in the logs and in the X-Request-ID header.",
    "For questions, email {role_email} or call our toll-free line at {toll_free}, Monday to Friday.",
    "The museum in {public_city} is open daily from 9 am to 6 pm. Admission is free on the first Sunday of each month.",
    "Run the server locally with `python -m app --host 127.0.0.1 --port 8080` and open http://localhost:8080 in a browser.",
    "In this tutorial we build a small web scraper. First install requests and beautifulsoup4, then fetch the page and parse the table rows.",
    "Photosynthesis converts light energy into chemical energy. Plants take in carbon dioxide and water and release oxygen.",
    "Order #{order_id} has shipped. Track the package on the carrier website; delivery usually takes three to five business days.",
    "The {product} API returns JSON. Errors use standard HTTP status codes: 400 for bad input, 401 when the token is missing and 429 when rate limited.",
    "Mortgage rates rose slightly this week, with the average 30-year fixed rate at {percent}.{number2} percent according to the weekly survey.",
    "Password requirements: at least 12 characters, one number and one symbol. Passwords are hashed and never stored in plain text.",
    "Depression is common and treatable. Symptoms can include persistent sadness, loss of interest and trouble sleeping; talk therapy and medication both help.",
    "The conference in {public_city} runs from {month} 3 to {month} 5, {year}. Talks cover distributed systems, databases and machine learning.",
    "To rotate credentials, generate a new key in the console, update the secret in your deployment and revoke the old key.",
    "{famous} is widely credited with shaping modern {field}; the biography published in {year} covers the early years in detail.",
    "Our refund policy allows returns within 30 days of purchase. Items must be unused and in the original packaging.",
    "Version {version} is available for download. Checksums (SHA-256): {sha256}.",
    "The city council of {public_city} voted to extend the bike lane network by {number} kilometers over the next two years.",
    "Example request: curl -H 'Authorization: Bearer <YOUR_TOKEN>' https://api.{domain}/v1/items",
    "The default gateway on most home routers is 192.168.1.1; the admin page is usually reachable from a browser on the local network.",
    "A balanced portfolio typically mixes stocks, bonds and cash. Younger investors often hold more stocks because they have longer to recover from downturns.",
    "Wash your hands for at least twenty seconds, cover your mouth when coughing and stay home when you have a fever.",
    "The library catalog lists {number} titles on European history, including several first editions from the {century}th century.",
    "Set DATABASE_URL=postgres://user:password@localhost:5432/app in your .env file for local development.",
]

# --- clean: lookalikes that careless patterns would flag ------------------------------------------

HARD_NEGATIVE_TEMPLATES = [
    "Test card numbers like 4111 1111 1111 1112 fail the checksum and are rejected by the form.",
    "Tracking number {order_id} is in transit through the regional sorting center.",
    "The build hash is {sha} and the container digest is sha256:{sha256}.",
    "Use the placeholder password: <your-password> in the config template and fill it in at deploy time.",
    "Set api_key = os.environ['API_KEY'] instead of hard-coding secrets in source files.",
    "The password field is required and must be at least eight characters long.",
    "Invoice {invoice} totals $1,{number3}.00 and is due in 30 days.",
    "Product SKU {sku} ships in a box of {number} units.",
    "Call {toll_free} to reach the national customer service line.",
    "Write to {role_email} with the subject line 'Press inquiry'.",
    "Releases are tagged v{version}; the previous tag was v1.{number}.0.",
    "The session ID format is a UUID such as {uuid}.",
    "Example addresses like user@example.com are reserved for documentation.",
    "The loopback address 127.0.0.1 always refers to the local machine.",
    "A doctor diagnoses a condition after examining symptoms and test results; treatment depends on the diagnosis.",
    "Salary bands for this role range from $90,000 to $120,000 depending on experience.",
    "Token limits: each request may contain up to {number} tokens, including the system prompt.",
    "The clinic is closed on public holidays; prescriptions can be renewed online.",
    "In chess, the opening move e4 controls the center; after {number} moves the position is usually balanced.",
    "Many banks now require two-factor authentication for online banking logins.",
    "The IBAN format starts with a two-letter country code followed by two check digits.",
    "Phone numbers in the dataset were replaced with the string [REDACTED] before publication.",
    "Error code {number}-{number2} means the upstream service timed out.",
    "The private key must never be committed to version control; add it to .gitignore.",
    "Pricing: the basic plan costs $19 per month and the pro plan $49 per month, billed annually.",
    "The survey found that {percent} percent of respondents worry about medical debt.",
    "Coordinates 40.7128, -74.0060 mark the center of the map.",
    "Firmware 2.4.10.1 fixes the Bluetooth pairing issue.",
    # Configuration shapes that show where a secret goes and hold none.
    "export {secret_env}={placeholder}",
    "setx {secret_env} {placeholder}",
    '{secret_env}: "{placeholder}"',
    "Set {secret_env} to {placeholder} in the .env file before starting the server.",
    'settings["{secret_var}"] = {placeholder}',
    "{secret_env}={placeholder} {product_cmd} --model {model_id}",
    '{secret_var} = os.environ.get("{secret_env}")  # read the key from the environment',
    "Pass --{secret_flag} {placeholder} on the command line, or set {secret_env}.",
    '{secret_var} ::= identifier ":" value',
]

# --- generic clean chat filler, used around sensitive parts --------------------------------------

CHAT_FILLER = [
    "Hello!",
    "Hi there, quick question.",
    "Thanks in advance.",
    "Can you help me with something?",
    "Please keep the answer short.",
    "What are my options?",
    "Explain it like I'm five.",
    "I hope this makes sense.",
    "Any advice would help.",
    "Format the answer as a list.",
    "Write it in a friendly tone.",
    "Can you also suggest next steps?",
]

# --- filler vocabularies ---------------------------------------------------------------------------

CONDITIONS = [
    "type 2 diabetes", "major depressive disorder", "generalized anxiety disorder",
    "bipolar disorder", "HIV", "breast cancer", "Crohn's disease", "multiple sclerosis",
    "epilepsy", "hypertension", "PTSD", "an eating disorder", "endometriosis", "lupus",
    "celiac disease", "chronic migraines", "sleep apnea", "hepatitis C", "a heart arrhythmia",
    "OCD", "schizophrenia", "kidney disease", "prostate cancer", "fibromyalgia", "long COVID",
    "ADHD", "rheumatoid arthritis", "a thyroid disorder", "Parkinson's disease", "leukemia",
]  # fmt: skip
MEDICATIONS = [
    "sertraline", "metformin", "lithium", "Adderall", "Prozac", "insulin", "lisinopril",
    "atorvastatin", "Xanax", "Zoloft", "methotrexate", "levothyroxine", "gabapentin", "Truvada",
    "Wellbutrin", "Ozempic", "Seroquel", "lamotrigine", "Humira", "oxycodone",
]  # fmt: skip
RELATIONS = [
    "brother", "sister", "husband", "wife", "son", "daughter", "mother", "father", "partner",
    "best friend", "roommate", "grandmother",
]  # fmt: skip
PRODUCTS = [
    "CloudSync", "DataPilot", "Nimbus", "PixelForge", "QuickLedger", "StreamLine", "TaskHive",
    "Vaultly", "Orbit CRM", "ShipFast", "Lumen Analytics", "NoteStack",
]  # fmt: skip
ASSISTANTS = ["Aria", "Nova", "Sage", "Atlas", "Echo", "Pilot"]
LANGUAGES = ["French", "German", "Spanish", "Japanese", "Portuguese", "Italian", "Dutch"]
FAMOUS = [
    ("Ada Lovelace", "computing"), ("Marie Curie", "chemistry"), ("Charles Darwin", "biology"),
    ("Isaac Newton", "physics"), ("Jane Austen", "literature"), ("Alan Turing", "computing"),
    ("Leonardo da Vinci", "art"), ("Albert Einstein", "physics"),
]  # fmt: skip
FIELDS = ["computing", "physics", "biology", "literature"]
PUBLIC_CITIES = [
    "Berlin", "Toronto", "Chicago", "Lisbon", "Osaka", "Melbourne", "Austin", "Dublin",
    "Seattle", "Vienna", "Denver", "Madrid",
]  # fmt: skip

# --- clean: ordinary user requests, including harmless first-person ones ------------------------

CLEAN_REQUEST_TEMPLATES = [
    "How do I reverse a list in Python without modifying the original?",
    "Write a haiku about autumn leaves in {public_city}.",
    "What's the difference between TCP and UDP?",
    "I'm learning Rust and want to understand borrowing. Can you give a simple example?",
    "I'm planning a weekend trip to {public_city}; what should I see?",
    "My team uses {product} for project tracking. How do we export a report to CSV?",
    "I love baking bread on weekends. Why does my sourdough come out flat?",
    "Summarize the plot of Pride and Prejudice in three sentences.",
    "I need a regex that matches dates in the format YYYY-MM-DD.",
    "Can you explain how compound interest works with a small example?",
    "I think my code has an off-by-one error somewhere in this loop.",
    "Suggest five names for a coffee shop near the university.",
    "What are good stretching exercises after a long run?",
    "I'd like a vegetarian dinner recipe that takes less than thirty minutes.",
    "Convert this SQL query to use a LEFT JOIN instead of a subquery.",
    "My laptop fan is very loud when I run Docker. Is that normal?",
    "Explain the causes of the French Revolution for a school essay.",
    "I'm preparing a talk on {field} history and need an outline.",
    "What's a polite way to decline a meeting invitation?",
    "Help me write unit tests for a function that parses CSV files.",
]
SECRET_PROVIDERS = [
    "OPENAI", "ANTHROPIC", "MISTRAL", "GROQ", "COHERE", "GITHUB", "STRIPE", "SLACK", "AWS",
    "AZURE", "GEMINI", "TOGETHER", "HF", "DB", "REDIS", "SMTP", "SENDGRID", "TWILIO",
]  # fmt: skip
SECRET_KINDS = ["API_KEY", "TOKEN", "SECRET_KEY", "ACCESS_TOKEN", "PASSWORD", "AUTH_TOKEN"]
# What documentation writes where a secret goes.
PLACEHOLDERS = [
    "<key>", "<your-api-key>", "<token>", "<YOUR_KEY_HERE>", "YOUR_API_KEY", "your-token-here",
    "sk-...", "...", "${{{env}}}", "$" + "{env}", "{{{{ secret }}}}", "xxxxxxxxxxxx", "********",
    "os.environ['{env}']", "<REPLACE_ME>", "%{env}%", "<value>",
]  # fmt: skip
MODEL_IDS = ["gpt-4o-mini", "claude-3-haiku", "command-r-08-2024", "llama-3.1-8b", "mistral-small"]

"""Cue lexicons for the five STAR-L parts (see check_cues.py for the answer-wide checks).

Each STAR-L part is recognised by the moves a speaker makes, not by topic words:
setting the scene, owning a task, doing things, reporting what changed,
drawing a lesson. Cues are (pattern, weight): weight 2 is a cue that on its own
shows the part, 1 a supporting cue. Past, present and conditional forms are all
covered, because interview questions are asked both as "tell me about a time"
and as "what would you do".
"""

from __future__ import annotations

import re

# --- the first person -------------------------------------------------------

_I = r"\bI(?:'d|’d| would| will|'ll|’ll| then| also| first| next| quickly| personally| immediately| finally| later| still| had| have|'ve|’ve| can| could| should| want to| plan to| am going to|'m going to)?"
_ADV = r"(?:\s+(?:\w+ly|then|also|first|next|just|still|even|both|immediately|actually))?"

# Action verbs a candidate uses for what they did (past and base forms).
_ACTION_PAST = (
    "analysed analyzed ran built proposed recommended presented translated reframed framed set designed wrote drafted "
    "showed created met brought organised organized quantified measured tested audited escalated mapped broke compared "
    "simulated estimated modelled modeled calculated sat walked convened called pushed negotiated suggested offered "
    "pitched explained prepared put laid outlined defined agreed aligned partnered paired led got asked "
    "interviewed reviewed dug checked investigated split sliced segmented charted plotted visualised visualized "
    "sketched documented flagged raised insisted argued piloted capped added introduced launched scheduled assigned "
    "named booked engaged involved consulted emailed shared circulated demoed prototyped replayed backtested validated "
    "labelled labeled sampled rewrote turned converted replaced secured coordinated facilitated drove spearheaded "
    "collected gathered pulled took made gave kept chose sent drew began started wired instrumented configured "
    "trained retrained fixed patched added removed routed limited restricted requested invited briefed convinced "
    "persuaded challenged questioned traced reproduced benchmarked costed priced projected wrote set "
    "opened ran reran contacted looped mobilised mobilized identified highlighted summarised summarized "
    "reported escalated demonstrated illustrated spelled spelt framed held hosted structured prioritised prioritized "
    "told said warned urged advised helped spent played avoided pointed moved shifted owned"
).split()
_ACTION_BASE = (
    "analyse analyze run build propose recommend present translate reframe frame set design write draft show create "
    "meet bring organise organize quantify measure test audit escalate map break compare simulate estimate model "
    "calculate sit walk convene call push negotiate suggest offer pitch explain prepare put lay outline define agree "
    "align partner pair lead get ask interview review dig check investigate split slice segment chart plot "
    "visualise visualize sketch document flag raise insist argue pilot cap add introduce launch schedule assign name "
    "book engage involve consult email share circulate demo prototype replay backtest validate label sample rewrite "
    "turn convert replace secure coordinate facilitate drive collect gather pull take make give keep choose send "
    "draw begin start wire instrument configure train retrain fix patch remove route limit restrict request invite "
    "brief convince persuade challenge question trace reproduce benchmark cost price project open contact loop "
    "mobilise mobilize identify highlight summarise summarize report demonstrate illustrate spell hold host "
    "structure prioritise prioritize go start tell say warn urge advise help spend play avoid point move shift own"
).split()
_VERBS = "|".join(sorted(set(_ACTION_PAST + _ACTION_BASE), key=len, reverse=True))

_IRREGULAR = "went did came spoke took made gave got met ran built brought bought sent set put cut led kept held told said sat stood left began drew chose caught laid paid dealt wrote"
# Any "I <verb>ed" counts too, except verbs of feeling, needing or learning, which are not actions.
_NOT_ACTIONS = (
    "learned|learnt|needed|wanted|liked|loved|hoped|believed|wondered|noticed|realised|realized|used|seemed|"
    "worried|feared|assumed|expected|guessed|imagined|preferred|enjoyed|hated|disliked|struggled|failed|tried|"
    "worked|joined|started|owned|supposed|asked|tasked|expected|allowed|noticed|discovered|spotted"
)
# "when I looked closer, ..." sets a scene; it is not a step the speaker took.
_NOT_SUBORDINATE = r"(?<![Ww]hen )(?<![Ww]hile )(?<![Oo]nce )"
I_ACTION = re.compile(
    rf"{_NOT_SUBORDINATE}(?:{_I}{_ADV}\s+(?:{_VERBS}|{'|'.join(_IRREGULAR.split())})\b"
    rf"|\bI{_ADV}\s+(?!(?:{_NOT_ACTIONS})\b)[a-z]{{3,}}ed\b)"
)
WE_ACTION = re.compile(rf"\b(?:[Ww]e|[Oo]ur team|[Tt]he team)(?:'d|’d| would| will|'ll| then| also| first)?{_ADV}\s+(?:{_VERBS})\b")


def _c(pattern: str, weight: float, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], float]:
    return re.compile(pattern, flags), weight


_ORG = (
    r"(?:business|company|bank|firm|team|board|leadership|executives?|product team|marketing(?: team)?|sales|"
    r"client|customer|ceo|cfo|cro|cto|management|stakeholders?|head of [a-z]+|vp|director|product owner|regulator|"
    r"insurer|retailer|hospital|lender|platform|startup|organisation|organization|regulator|partners?|investors?|"
    r"(?:growth|finance|operations|engineering|hr|legal|risk|compliance|supply chain|product|design|support|sales|"
    r"marketing|pricing|data|ml|ai|analytics|security|clinical|credit|fraud|claims|trading) (?:team|group|department|lead|function))"
)
_SYSTEM = (
    r"(?:model|system|classifier|recommender|agent|chatbot|bot|assistant|tool|algorithm|engine|pipeline|"
    r"screener|scorer|forecast(?:er|ing model)?|detector|feature|product|llm|copilot|service|checker|filter|"
    r"dashboards?|app|platform|feed|AI|verification|moderation|screening|scoring|forecasting|automation)"
)

_NOT_ASKING_ME = r"(?![^.]*\b(?:from|of) me\b)"

SITUATION = [
    _c(r"\b(?:at|in) my (?:last|previous|current|former|first|old) (?:role|job|company|team|position|employer)\b", 2),
    _c(r"\bwhen I was\b", 2),
    _c(
        r"\b(?:at|in|with|for) (?:a|an|one|my|our) (?:[\w-]+ ){0,3}(?:company|firm|bank|retailer|insurer|start-?up|scale-?up|"
        r"employer|organi[sz]ation|business|client|network|platform|provider|lender|hospital|agency|consultancy|"
        r"fintech|marketplace|telco|utility|university|charity|council|department|ministry)\b",
        2,
    ),
    _c(r"\bI (?:worked|was working) (?:at|for|in|with|on)\b|\bI worked\b", 1.5),
    _c(r"\bI was (?:working|leading|running|the\b|a\b|an\b|part of|on the|on a|responsible for the|in charge of the)", 1.5),
    _c(
        r"\bI was (?:\w+ ){0,2}(?:lead|head|manager|analyst|scientist|engineer|director|owner|architect|consultant|"
        r"officer|researcher|advisor|adviser|specialist)\b",
        2,
    ),
    # "...wanted a decision from me" is the speaker's task, not the scene.
    _c(
        rf"\b(?:the|our|my|a|an) (?:[\w-]+ ){{0,2}}{_ORG} (?:wanted|wants|was|were|is|are|had|has|planned|plans|was pushing|pressed|hoped)\b"
        + _NOT_ASKING_ME,
        2,
    ),
    _c(
        rf"\b(?:{_ORG}|growth|finance|operations|engineering|hr|legal|risk|compliance|supply chain|product|design|support|"
        r"sales|pricing|leadership|management) (?:wanted|wants|planned|plans|was keen|were keen|hoped|was pushing|were pushing)\b"
        + _NOT_ASKING_ME,
        1.5,
    ),
    _c(r"\bI (?:found|discovered|noticed|spotted|saw|realised|realized) (?:that|it|the|our|a|an|this)\b", 1.5, 0),
    _c(r"\b(?:when|while|once) I (?:looked|checked|dug|examined|tested|compared|reviewed|analysed|analyzed|ran)\b", 1.5),
    _c(rf"\b(?:our|the|a|an|my team's) (?:[\w-]+ ){{0,3}}{_SYSTEM} (?:was|were|is|had|has|scored|showed|shows|performed|looked)\b", 1),
    _c(rf"\b(?:our|the|a|an|my team's|its) (?:[\w-]+ ){{0,3}}{_SYSTEM}s?\b", 0.5),
    _c(r"\b(?:was|were|is|are) (?:about|due|scheduled|set|planning|preparing|getting ready|ready|going) to \w+", 1.5),
    _c(r"\b(?:went|was|were|is|are) (?:into|in|through) (?:beta|a pilot|pilot|production|testing|trial|review)\b", 1.5),
    _c(r"\bthere (?:was|were|is|are) (?:no|a|an|only)\b|\b(?:it|this|which) (?:was|were) (?:only |just )?\d", 1),
    _c(r"\b(?:was|were) (?:right|accurate|correct|wrong)\b|\b(?:only|just) \d+(?:\.\d+)?\s?%", 1),
    _c(r"\b(?:we|they) (?:were|are) (?:about to|preparing|planning|getting ready)\b", 2),
    _c(r"\bthe (?:situation|context|background|setting)\b", 2),
    _c(r"\b(?:a few|two|three|several) (?:weeks|months|days) before\b", 1),
    _c(r"\b(?:last|that|one) (?:year|quarter|spring|summer|autumn|fall|winter|month)\b|\bin (?:19|20)\d\d\b", 1.5),
    _c(r"\b(?:a|an|one|two|three|four|five|six|several|a few|\d+) (?:years?|months?|weeks?) ago\b", 1.5),
    _c(r"\b(?:had built|had deployed|had trained|had launched|had been using|was live|was in production)\b", 1),
    _c(r"\b(?:deadline|launch date|go-live|go live date)\b", 0.5),
    _c(r"^(?:so|here)\b", 0.5),
    _c(r"^(?:imagine|picture|say|suppose|let's say)\b|\bif this (?:landed|came|happened)\b", 1),
    _c(
        r"\b(?:wants|wanted|planned|plans|is planning|was planning|hopes|hoped|intends|intended|was keen|is keen|were keen|"
        r"are keen|needs|needed|decided|was going|were going|is going|are going) to (?:launch|roll out|ship|use|deploy|release|put|"
        r"switch|replace|automate|introduce|make|go live|expand|turn|let|adopt|offer|open)\b",
        1.5,
    ),
]

TASK = [
    _c(r"\bmy (?:job|task|role|goal|responsibility|brief|mandate|remit|challenge|objective|mission|assignment|aim|ask|priority)\b", 2.5),
    _c(r"\bI was (?:asked|tasked|responsible|expected|accountable|brought in|the one|in charge|charged|given|the person|on the hook)\b", 2.5),
    _c(r"\b(?:asked|tasked|wanted|needed|expected|trusted|brought) me (?:to|for|in)\b|\bit was on me\b|\bfell to me\b", 2),
    _c(r"\b(?:the|our) (?:team's|group's|company's|department's) (?:goal|task|job|challenge|objective|ask|brief)\b", 2),
    _c(r"\bI (?:needed|need|had|have|was supposed|wanted|want|was trying|set out|had been asked) to\b", 1.5),
    _c(r"\b(?:the|our) (?:goal|task|challenge|objective|ask|job|question|mission|aim|decision)(?: \w+){0,3} (?:was|is|would be|became)\b", 2),
    _c(r"\bI (?:needed|had|was given|got|was left) (?:\w+ ){1,3}to (?:decide|recommend|advise|explain|convince|answer|make|give|find|sign)\b", 2),
    _c(r"\b(?:for|wanted|needed|asked for|expected) my (?:view|recommendation|opinion|answer|decision|sign-off|assessment|verdict|call)\b", 2.5),
    _c(r"\b(?:turned|came|looked|went) to (?:me )?for (?:a|an|my|advice|help)\b", 2.5),
    _c(r"\b(?:wanted|needed|asked for|expected|required|wanted to hear) (?:[\w/]+[ -]){0,6}(?:from|of) me\b", 3),
    _c(r"\b(?:had to|must|needed to|would have to) come from me\b|\bwas (?:down to|up to) me\b", 2.5),
    _c(r"\bas (?:the )?(?:head|lead|owner|manager|director|analyst|scientist|engineer|chair|officer)\b[^.]{0,60}\b(?:I|me|my)\b", 1.5),
    _c(r"\bit (?:was|is|fell) (?:up to me|on me|my call|my job|to me)\b", 2),
    _c(r"\b(?:said to me|told me|asked me|came to me|turned to me|wanted me|needed me|looked to me)\b", 2.5),
    _c(r"\bmine to (?:make|give|decide|own|write|call)\b|\b(?:was|fell|is) (?:mine|on me|to me)\b", 2.5),
    _c(r"\b(?:needed|wanted|had|asked) to know (?:whether|if|how)\b", 1),
    _c(r"\bI own(?:ed)? (?:the |that |this |our )?(?:\w+ )?(?:decision|recommendation|call|answer|sign-off|opinion|question|problem|outcome|risk)\b", 2.5),
    _c(r"\bI owned\b", 1),
    _c(r"\b(?:to decide|to help (?:\w+ ){0,3}decide|go/no-go|go or no-go|whether\b|make the call|a recommendation)\b", 1),
    _c(r"\b(?:needed|wanted|asked for) (?:a|an|my) (?:recommendation|answer|decision|view|assessment|opinion|plan|sign-off)\b", 1.5),
    _c(r"\bI (?:had|needed) to (?:decide|recommend|explain|convince|find|balance|get|make|help)\b", 1),
]

ACTION = [
    _c(I_ACTION.pattern, 2, 0),
    _c(WE_ACTION.pattern, 1.5, 0),
    _c(r"\b(?:I|[Ww]e)(?:'d| would| will|'ll| then| also| first)? (?:proposed|propose|recommended|recommend|suggested|suggest|offered|offer|"
       r"pushed for|argued for|insisted on|explained|explain|showed|show|presented|present|translated|translate|reframed|"
       r"reframe|walked|walk|convinced|briefed|brief|told|tell)\b", 1, 0),
    _c(r"^(?:first|second|third|then|next|after that|finally|to do that|so)\b,?", 0.5),
    _c(r"\b(?:my (?:first|next) step|the first thing I|what I did)\b", 2),
    _c(r"\bI (?:did not|didn't|chose not to|decided not to) \w+", 1, 0),
    _c(r"\bmy (?:proposal|recommendation|plan|suggestion|advice|approach|answer|response|fix) (?:was|is|would be|became)\b", 2),
]

RESULT = [
    _c(r"\bas a result\b(?! of (?:this|that|the|my) (?:experience|episode|project|situation|work|case))|\bthe (?:end )?result (?:was|is|would be|will be)\b|\bresult(?:ed|ing) in\b|\bwhich results in\b", 2.5),
    _c(r"\b(?:the|our) outcome (?:was|is|would be)\b|\bin the end\b|\bended up\b|\bthe upshot\b", 2.5),
    _c(
        r"\b(?:the )?(?:board|leadership|executives?|committee|exec(?:utive)? team|ceo|cfo|cro|cto|marketing|business|"
        r"they|stakeholders|legal|regulator|product team|sponsor|head of [a-z]+|director|vp|chief [a-z]+ officer|"
        r"committee|manager|partner|panel|council|client|customer|she|he) "
        r"(?:approved|agreed|signed off|accepted|chose|went with|adopted|backed|green-?lit|decided|funded|kept|dropped)\b",
        2,
    ),
    _c(r"\b(?:we|it|the (?:model|feature|product|agent|dashboard|system|tool|pilot|launch)) (?:launched|shipped|went live|rolled out|ran|stayed|held)\b", 1.5),
    _c(
        r"\b(?:within|after|over|in|during) (?:the )?(?:first |next |following )?(?:(?:\d+|a|one|two|three|four|five|six|"
        r"eight|twelve|few) )?(?:weeks?|months?|quarters?|days?|year)\b|\b(?:a|one|two|three|six) (?:weeks?|months?|years?) later\b",
        1,
    ),
    _c(r"^(?:after|once|since|by the end|over the|in the first|three months later|six months later|later)\b", 1),
    _c(r"\bfrom (?:about |roughly |around |nearly )?[$€£]?\d[\d,.]*\s?%?(?: \w+){0,3} to (?:about |roughly |around )?[$€£]?\d|\b\d[\d,.]*\s?%? (?:fewer|more|less|lower|higher)\b", 1.5),
    _c(r"\bno (?:customers?|one|patients?|users?|members?|clients?) (?:lost|was|were|complained|missed|saw)\b", 1.5),
    _c(r"\bno (?:\w+ ){0,2}(?:reached|hit|affected|got through|slipped|made it)\b", 1),
    _c(
        r"\b(?:the (?:pilot|launch|rollout|change|model|feature|tool|bot|fix|cap|guardrail|plan|review)|it|this|that) "
        r"(?:cut|reduced|saved|lowered|raised|increased|improved|halved|doubled|brought|kept|caught|prevented|avoided)\b",
        2,
    ),
    _c(r"\bby (?:around |about |roughly |nearly |almost |over |more than )?\d[\d,.]*\s?(?:%|percent|per cent|points?)", 1),
    _c(r"\b(?:\w+|\d+) (?:weeks?|months?|years?|quarters?) (?:in|on|later)\b|\bon (?:time|schedule|budget)\b", 1),
    _c(r"\b(?:was|were|is|are|went|came|stayed|ended) (?:up|down) (?:by )?(?:about |around |roughly |nearly )?[$€£]?\d", 1.5),
    _c(r"\b(?:up|down) from\b", 1.5),
    _c(r"\bfrom (?:[\w$€£%.,-]+ ){1,4}to (?:about |roughly |around |nearly |under |below |over |above |just |less than |more than )?[$€£]?\d", 1.5),
    _c(r"\b[\w-]+ (?:fell|dropped|rose|decreased|increased|improved|shrank|halved|doubled|grew|declined|recovered) (?:from|to|by)\b", 2),
    _c(r"\b(?:launched|went live|shipped|rolled (?:it |them )?out)\b(?: it| them)?(?: that way| on time| as planned| with| in| to)", 1),
    _c(r"\brolled (?:it |them )?out\b|\b(?:the )?(?:next|following) (?:quarter|month|year)\b", 1),
    _c(r"^if (?:it|this|that|all|everything|the \w+) (?:works|worked|goes|went|succeeds|succeeded|holds|lands|pays off)\b", 2),
    _c(r"\b(?:we|they|it|this|that|customers|patients|users)(?:'d| would) (?:get|keep|see|cut|save|stay|fall|drop|rise|avoid|protect|reduce|end up)\b", 1.5),
    _c(r"\bwould (?:fall|drop|rise|stay|halve|shrink|go down|go up|improve)\b", 1.5),
    _c(r"\b(?:since|after) (?:the )?(?:launch|pilot|rollout|release|change)\b", 1),
    _c(r"\b(?:which|this|that|it) (?:led to|meant|cut|reduced|saved|prevented|avoided|kept|limited|brought|got)\b", 1),
    _c(
        r"\b(?:complaints|errors|losses|defaults|incidents|escalations|churn|retention|engagement|revenue|costs?|"
        r"false alarms|accuracy|diversity|approvals?|approval rates?|exposure|refunds|tickets|response times?|misreads|"
        r"write-offs|fraud|claims|conversion|satisfaction|nps|share|rate|gap)\b[^.]{0,40}?\b(?:fell|dropped|rose|went up|"
        r"went down|decreased|increased|improved|recovered|stayed|held|halved|doubled|came back|returned|shrank|narrowed|closed)\b",
        2,
    ),
    _c(r"\b(?:reduced|cut|saved|avoided|prevented|recovered|improved|lowered|halved|doubled|protected|contained)\b", 1),
    _c(r"\b(?:zero|no) (?:incidents|complaints|regulatory findings|findings|issues|escalations|outages|breaches|losses)\b", 1.5),
    _c(r"\b(?:the|my) (?:expected|likely) (?:result|outcome|impact)\b|\bsuccess (?:looks|would look) like\b|\bI(?:'d| would) expect\b|\bwe(?:'d| would) expect\b", 2),
    _c(r"\b(?:this|that|the plan|it) would (?:mean|cut|reduce|let|give|keep|protect|limit|bring|save|catch|contain)\b", 1.5),
]

LEARNING = [
    _c(r"\bI(?:'ve|’ve| have)? (?:learned|learnt)\b|\bI took (?:away|from (?:it|that|this))\b|\bwhat I took\b", 3, 0),
    _c(r"\b[Ww]e (?:learned|learnt|took away)\b", 2.5, 0),
    _c(r"\b(?:what|the thing that|the part that|one thing that) (?:stuck|stayed|stays|sticks) with me\b|\bstuck with me\b", 3),
    _c(r"\b(?:these days|nowadays|today|ever since),? I\b", 2.5),
    _c(r"\bI (?:always|never|now|still|routinely) \w+", 1.5, 0),
    _c(r"\b(?:I now|now I) \w+", 2.5, 0),
    _c(r"\b(?:the|my|one|biggest|big|key|main|real|lasting) (?:lesson|learning|takeaway|take-away|insight)\b|\blessons? learned\b", 3),
    _c(r"\bwhat I took away\b|\btaught me\b|\b(?:in|with) hindsight\b|\blooking back\b|\bnext time\b|\bsince then\b|\bever since\b|\bfrom then on\b|\bgoing forward\b", 3),
    _c(r"\bI(?:'d| would) do (?:it )?differently\b|\bif I (?:did|were to do) it again\b|\bI(?:'ve| have) since\b", 3, re.IGNORECASE),
    _c(r"\bnow I (?:always|start|make|lead|bring|frame|put|insist|never|ask|open|begin|write|check|pair|build|quantify|translate|treat)\b|\bI now (?:always|start|make|lead|bring|frame|put|insist|never|ask|open|begin|write|check|pair|build|quantify|translate|treat)\b", 3),
    _c(r"\b(?:it|this|that|the experience) (?:showed|reminded|convinced|taught) me\b", 3),
    # "That experience changed how I present risk."
    _c(r"\b(?:changed|shaped|reshaped|transformed) (?:how|the way) I\b", 3),
    _c(r"\bI(?:'d| would) (?:also )?(?:now|in future)\b|\bin (?:the )?future\b|\bnever again\b|\bI realised\b|\bI realized\b|\breflect", 1.5),
    _c(r"\b(?:always|every time|whenever)\b", 0.5),
]

# A short framing line ("Here is what I'd do.", "I'd tell her something like this.") introduces
# the answer; it is none of the five parts.
META = re.compile(
    r"(?:\bsomething like this|\blike this|\bwhat I(?:'d| would) do|\bhow I(?:'d| would) (?:handle|approach|answer) (?:it|this|that)|"
    r"\bhere(?:'s| is) (?:what|how|my)|\bthis is (?:what|how)|\bgreat question|\blet me (?:walk|tell|explain))\W*$",
    re.IGNORECASE,
)

# An opinion or a generality opens a lecture, not a story.
OPINION = re.compile(
    r"\bI (?:think|believe|feel|would argue)\b|\bin my (?:view|opinion)\b|^\W*honestly\b|\bin general\b|\bgenerally\b|"
    r"\bone of the most\b|\bis (?:really |very )?important\b",
    re.IGNORECASE,
)

PARTS = {"S": SITUATION, "T": TASK, "A": ACTION, "R": RESULT, "L": LEARNING}

# Where in an answer each part is expected, as (start, end) of its usual span;
# cues found far outside it count for less.
EXPECTED_POSITION = {"S": (0.0, 0.4), "T": (0.0, 0.6), "A": (0.2, 0.85), "R": (0.45, 1.0), "L": (0.65, 1.0)}

# --- part quality ------------------------------------------------------------

CONCRETE_SYSTEM = re.compile(rf"\b{_SYSTEM}s?\b", re.IGNORECASE)
STAKES = re.compile(
    r"\b(?:roll(?:ing)? out|rollout|wanted|wants|planned|keen|about to|pushing|leadership|executives?|"
    r"developers|staff|employees|production|risk|cost|budget|retention|churn|cancel\w*|pric\w+|holiday|peak|season\w*|"
    r"replace|going to|due to|was to|regulat\w+|go-live|refunds?|tickets?|money|date|fairness|safety|ethic\w*|"
    r"launch|ship|go live|deadline|customers?|clients?|users?|business|board|regulator\w*|campaign|revenue|"
    r"decision|money|loans?|patients?|applicants?|brand|market|sales|legal|compliance|reputation|quarter|weeks?|days?)\b",
    re.IGNORECASE,
)
PERSONAL = re.compile(r"\b(?:I|[Mm]y|me|[Mm]ine)\b")
DECISION = re.compile(
    r"\b(?:decide|decision|recommend\w*|whether|go/no-go|no-go|goal|convince|explain|help|advise|choose|approve|sign-off|plan|"
    r"sign(?:ed)? (?:it |this |the \w+ )?off|go-ahead|green light|verdict|advice|assess\w*|ready|safe|tell|assur\w+|answer|"
    r"opinion|view|call|judg\w+|approv\w+|rely|know|review\w*|launch|problem|what we do|which (?:one|model|option)|should)\b",
    re.IGNORECASE,
)
COMMUNICATION = re.compile(
    r"\b(?:explain\w*|translat\w+|refram\w+|framed|framing|show\w*|present\w*|chart|graph|visual\w*|slide|one-page\w*|"
    r"one-pager|memo|demo\w*|walk\w* (?:\w+ ){0,2}through|side by side|examples?|put (?:it|that) (?:as|in)|plain\w*|said|spoke|"
    r"mock-?up|recordings?|sample|funnel|picture|story|stories|concrete|terms|turn\w* (?:the|it|this|that) (?:\w+ )?into|"
    r"in (?:business|plain) (?:terms|words|english)|told|briefed|wrote)\b",
    re.IGNORECASE,
)
BUSINESS_OUTCOME = re.compile(
    r"\b(?:approv\w+|launch\w*|shipped|went live|customers?|complaints?|revenue|retention|churn|costs?|incidents?|"
    r"regulator\w*|decision|board|signed off|losses|defaults?|engagement|trust|audit|fines?|escalations?|users?|"
    r"sales|conversion|refunds?|claims?|exposure|switch\w*|chose|agreed|kept|stock|shelves|queues?|hang-ups|"
    r"patients?|members|accounts?|breach\w*|sav\w+|time|cut|reduced|fell|dropped|rose|grew|improved|avoided|prevented|"
    r"protected|automated|lost|money|payments?|orders|wrong \w+|fewer|wasted|calls|hours|days|weeks|cancel\w*|budget|"
    r"falls?|drops?|rises?|catch\w*|keeps?|stays?|gap|rates?|approvals?|decisions?|marketing|campaigns?|reports?|"
    r"used|adopted|trust\w*|extended|expanded)\b",
    re.IGNORECASE,
)
FORWARD = re.compile(
    r"\b(?:now|always|since then|next time|going forward|from then on|ever since|every|whenever|any time|in future|"
    r"if I did it again|I(?:'d| would) (?:bring|start|do|ask|open|involve|go|put|frame|lead|test)|"
    r"I(?:'ve| have) since|make sure|start (?:with|by)|before (?:any|every))\b",
    re.IGNORECASE,
)
VAGUE_LESSON = re.compile(
    r"^\W*(?:and )?(?:I|we) (?:learned|learnt) (?:a lot|so much|a great deal|many things|loads|lots)\W*$"
    r"|^\W*(?:the )?(?:lesson|learning|takeaway) (?:was|is) (?:clear|important|valuable|huge)\W*$",
    re.IGNORECASE,
)
